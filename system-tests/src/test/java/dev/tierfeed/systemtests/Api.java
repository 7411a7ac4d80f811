package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** A small client of the tierfeed HTTP API for the system tests. */
final class Api {
    /** How often the system tests poll what they wait for. */
    static final Duration POLL = Duration.ofMillis(50);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The password every user the helper signs up gets: long enough and not a common one. */
    static final String PASSWORD = "tierfeed test password";
    private static final Pattern ACTING_USER = Pattern.compile("^/v1/users/(\\d+)/(feed|following|presence)");

    private final String base;
    private final String operatorToken;
    /** The session token of each user this helper signed up: it acts as a user's own client would. */
    private final Map<String, String> tokens;
    /** The token every request carries instead, when set ({@link #as}, {@link #asOperator}, {@link #anonymous}). */
    private final Optional<String> fixedToken;

    /** A client of the test stack's API, holding the operator's token and each signed-up user's session. */
    static Api of(TestStack stack) {
        return new Api(stack.apiUri(), stack.settings().operatorToken(), new ConcurrentHashMap<>(), null);
    }

    /** A client of any other port (the admin port): no tokens. */
    Api(String base) {
        this(base, "", new ConcurrentHashMap<>(), null);
    }

    private Api(String base, String operatorToken, Map<String, String> tokens, Optional<String> fixedToken) {
        this.base = base;
        this.operatorToken = operatorToken;
        this.tokens = tokens;
        this.fixedToken = fixedToken;
    }

    /** This client acting as the user (with the user's session), whatever the request. */
    Api as(String userId) {
        return withToken(Optional.of(tokenOf(userId)));
    }

    Api asOperator() {
        return withToken(Optional.of(operatorToken));
    }

    /** This client, its users' sessions and the operator's token, sending to another replica of the service. */
    Api atPort(int apiPort) {
        return new Api("http://127.0.0.1:" + apiPort, operatorToken, tokens, fixedToken);
    }

    /** This client with no token at all. */
    Api anonymous() {
        return withToken(Optional.empty());
    }

    /** This client sending exactly this bearer token. */
    Api withToken(String token) {
        return withToken(Optional.of(token));
    }

    private Api withToken(Optional<String> token) {
        return new Api(base, operatorToken, tokens, token);
    }

    String tokenOf(String userId) {
        String token = tokens.get(userId);
        assertThat(token).as("a session of user " + userId).isNotNull();
        return token;
    }

    /**
     * The token a request carries unless one is fixed: as its client would, a request about a user's
     * own feed, follows or presence carries that user's session, a post its author's, a tier change
     * the operator's. Anything else (public reads, sign-up) carries none.
     */
    private Optional<String> tokenFor(String method, String path, String body) {
        if (fixedToken != null) {
            return fixedToken;
        }
        Matcher acting = ACTING_USER.matcher(path);
        if (acting.find()) {
            return Optional.ofNullable(tokens.get(acting.group(1)));
        }
        if (method.equals("PATCH") && path.startsWith("/v1/users/")) {
            return Optional.of(operatorToken);
        }
        if (method.equals("POST") && path.equals("/v1/posts") && body != null) {
            try {
                return Optional.ofNullable(tokens.get(JSON.readTree(body).path("authorId").asText()));
            } catch (IOException e) {
                return Optional.empty(); // a malformed body under test
            }
        }
        return Optional.empty();
    }

    /** An HTTP answer: status and parsed JSON body (null when there is none). */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    Reply get(String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).GET(), tokenFor("GET", path, null)));
    }

    Reply post(String path, String json) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), tokenFor("POST", path, json)));
    }

    Reply put(String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()), tokenFor("PUT", path, null)));
    }

    Reply delete(String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).DELETE(), tokenFor("DELETE", path, null)));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, Optional<String> token) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    /** Uploads media ({@code POST /v1/media}) with its length and type, as the user. */
    Reply upload(String userId, byte[] bytes, String type) {
        return send(authorized(HttpRequest.newBuilder(uri("/v1/media")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), Optional.of(tokenOf(userId))));
    }

    /**
     * Announces an upload of {@code length} bytes with {@code Expect: 100-continue}, as clients of
     * large uploads do, and returns the service's final answer if it gives one before asking for
     * the body (a refusal); sends no byte of the body. (Raw HTTP/1.1: Java's client waits forever
     * for a 100 that a refusal never sends.)
     */
    Reply announceUpload(String userId, String type, long length) {
        URI target = uri("/v1/media");
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /v1/media HTTP/1.1\r\nHost: " + target.getHost() + "\r\nContent-Type: " + type
                    + "\r\nAuthorization: Bearer " + tokenOf(userId)
                    + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            int bodyLength = 0;
            for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    bodyLength = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            char[] body = new char[bodyLength];
            int read = 0;
            while (read < bodyLength) {
                read += in.read(body, read, bodyLength - read);
            }
            return new Reply(status, JSON.readTree(new String(body, 0, read)), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A GET whose body is bytes (media), with request headers as alternating names and values. */
    HttpResponse<byte[]> download(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs a user up with a fresh handle, gives it the tier (through the operator: sign-up makes
     * FREE accounts) and logs it in, keeping its session for the requests made about it; returns its id.
     */
    String createUser(String tier) {
        String handle = uniqueHandle();
        Reply reply = anonymous().post("/v1/users", json("handle", handle, "password", PASSWORD));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        String id = reply.text("id");
        if (!tier.equals("FREE")) {
            Reply changed = asOperator().patch("/v1/users/" + id, json("tier", tier));
            assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        }
        tokens.put(id, logIn(handle, PASSWORD).text("token"));
        return id;
    }

    /** {@code POST /v1/sessions} with a handle and password, expected to succeed. */
    Reply logIn(String handle, String password) {
        Reply session = anonymous().post("/v1/sessions", json("handle", handle, "password", password));
        assertThat(session.status()).as(session.raw().body()).isEqualTo(201);
        return session;
    }

    void follow(String follower, String followee) {
        assertThat(put("/v1/users/" + follower + "/following/" + followee).status()).isEqualTo(204);
    }

    /** Posts and returns the new post's id. */
    String createPost(String author, String text) {
        Reply reply = post("/v1/posts", json("authorId", author, "text", text));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(202);
        return reply.text("id");
    }

    Reply patch(String path, String json) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), tokenFor("PATCH", path, json)));
    }

    /** Tells the service the viewer is watching their timeline. */
    void heartbeat(String viewer) {
        assertThat(post("/v1/users/" + viewer + "/presence", "").status()).isEqualTo(204);
    }

    /** The post ids on the first feed page of {@code viewer}, in order. */
    List<String> feedPostIds(String viewer, int limit) {
        Reply reply = get("/v1/users/" + viewer + "/feed?limit=" + limit);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return postIds(reply.body().path("items"));
    }

    /** The viewer's whole pending feed as "id:tier" entries, walked page by page. */
    List<String> wholeFeed(String viewer, int pageSize) {
        List<String> entries = new java.util.ArrayList<>();
        String token = null;
        do {
            Reply page = get("/v1/users/" + viewer + "/feed?limit=" + pageSize + (token == null ? "" : "&pageToken=" + token));
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().path("items").forEach(item -> entries.add(item.path("post").path("id").asText() + ":" + item.path("tier").asText()));
            token = page.body().path("nextPageToken").isNull() ? null : page.text("nextPageToken");
        } while (token != null);
        return entries;
    }

    /** Waits until the streaming job has persisted every one of the posts; fails the test if one is not by the deadline. */
    void awaitPersisted(Duration deadline, String... postIds) {
        for (String post : postIds) {
            awaitPost(deadline, post);
        }
    }

    /** Waits until the streaming job has persisted the post and returns it; fails the test if it is not by the deadline. */
    Reply awaitPost(Duration deadline, String postId) {
        return await("post " + postId + " persisted").atMost(deadline).pollInterval(POLL)
                .until(() -> get("/v1/posts/" + postId), reply -> reply.status() == 200);
    }

    /** Ids of a list of posts ({@code GET /v1/users/{id}/posts}). */
    static List<String> postIdsOfList(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }

    static List<String> postIds(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("post").path("id").asText()).toList();
    }

    /**
     * Waits until the viewer's first feed page contains every given post and returns that page's
     * post ids; fails the test if it does not by the deadline.
     */
    List<String> awaitFeedContaining(String viewer, Duration deadline, String... postIds) {
        return await("feed of " + viewer + " to contain " + List.of(postIds)).atMost(deadline).pollInterval(POLL)
                .until(() -> feedPostIds(viewer, 100), ids -> ids.containsAll(List.of(postIds)));
    }

    /** Waits until none of the posts is on the viewer's first feed page; fails the test if one still is by the deadline. */
    void awaitFeedLacking(String viewer, Duration deadline, String... postIds) {
        await("feed of " + viewer + " to lack " + List.of(postIds)).atMost(deadline).pollInterval(POLL)
                .until(() -> feedPostIds(viewer, 100), ids -> Collections.disjoint(ids, List.of(postIds)));
    }

    /** An error answer: its status, its code, and a message. */
    static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
        assertThat(reply.text("code")).isEqualTo(code);
        assertThat(reply.text("message")).isNotBlank();
    }

    static String uniqueHandle() {
        return "u" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    /** A JSON object from alternating names and values (strings, numbers or null). */
    static String json(Object... namesAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
