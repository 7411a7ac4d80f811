package dev.tierfeed.joboptions;

import java.io.PrintStream;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parses a job's arguments into its picocli-annotated options object, the way every job's
 * {@code main} wants it: {@code --help} prints usage and exits 0; a bad or missing argument, or
 * settings that {@code check} refuses, print the reason and the usage and exit 2.
 */
public final class JobArguments {
    private JobArguments() {
    }

    /** The parsed options, or an exit. */
    public static <T> T parseOrExit(T options, String[] args, Consumer<T> check) {
        return parseOrExit(new CommandLine(options), args, check);
    }

    /** {@link #parseOrExit(Object, String[], Consumer)} for a command line set up by the caller (its name, say). */
    public static <T> T parseOrExit(CommandLine line, String[] args, Consumer<T> check) {
        T options = line.getCommand();
        switch (parse(line, options, args, check, System.out, System.err)) {
            case HELP -> System.exit(0);
            case REFUSED -> System.exit(2);
            case PARSED -> {
                // go on
            }
        }
        return options;
    }

    /** What parsing came to. */
    enum Result { PARSED, HELP, REFUSED }

    static <T> Result parse(CommandLine line, T options, String[] args, Consumer<T> check, PrintStream out, PrintStream err) {
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested()) {
                line.usage(out);
                return Result.HELP;
            }
            check.accept(options);
            return Result.PARSED;
        } catch (ParameterException | IllegalArgumentException e) {
            err.println(line.getCommandName() + ": " + e.getMessage());
            line.usage(err);
            return Result.REFUSED;
        }
    }
}
