package dev.tierfeed.core;

/**
 * The text of a post: up to 280 Unicode code points (not UTF-16 units, so an emoji counts once),
 * not only white space, and well-formed Unicode (no unpaired surrogates). It may be empty (absent
 * text reads as empty); whether a post may have empty text is {@link Post#requireContent}'s rule.
 */
public record PostText(String value) {
    public static final int MAX_CODE_POINTS = 280;

    public PostText {
        if (value == null) {
            value = "";
        }
        if (!value.isEmpty() && value.isBlank()) {
            throw new ValidationException("text_blank", "text must contain more than white space");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_CODE_POINTS) {
            throw new ValidationException("text_too_long",
                    "text has " + length + " characters, at most " + MAX_CODE_POINTS + " are allowed");
        }
        if (hasUnpairedSurrogate(value)) {
            throw new ValidationException("text_malformed", "text is not well-formed Unicode");
        }
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
