package dev.tierfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The benchmarks' client of the tierfeed API: setting up worlds (users, follows, posts) many
 * requests at a time, and reading feeds. Every call fails loudly on an unexpected status. Users
 * are made with the operator's token, without passwords, and their sessions opened by the
 * operator: a world of thousands of users costs no Argon2 hashing, which is not what the
 * benchmarks measure. Each request then acts with its user's own token.
 */
final class BenchApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SETUP_CONCURRENCY = 32;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String operatorToken;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    BenchApi(String base, String operatorToken) {
        this.base = base;
        this.operatorToken = operatorToken;
    }

    /** The session token of a user this client made. */
    String token(String userId) {
        String token = tokens.get(userId);
        if (token == null) {
            throw new IllegalStateException("no session of user " + userId);
        }
        return token;
    }

    /** The users as a Lua list of {id, token} pairs, for wrk scripts that act as them. */
    String luaUsers(List<String> userIds) {
        return "{" + String.join(",", userIds.stream().map(id -> "{\"" + id + "\",\"" + token(id) + "\"}").toList()) + "}";
    }

    String base() {
        return base;
    }

    /** Creates {@code count} users of a tier, each with a session; returns their ids. */
    List<String> createUsers(int count, String tier) {
        return all(count, i -> send("POST", "/v1/users", JSON.createObjectNode().put("handle", handle()), operatorToken)
                .thenCompose(user -> {
                    String id = user.path("id").asText();
                    CompletableFuture<JsonNode> tiered = tier.equals("FREE") ? CompletableFuture.completedFuture(user)
                            : send("PATCH", "/v1/users/" + id, JSON.createObjectNode().put("tier", tier), operatorToken);
                    return tiered.thenCompose(done -> send("POST", "/v1/sessions", JSON.createObjectNode().put("userId", id), operatorToken))
                            .thenApply(session -> {
                                tokens.put(id, session.path("token").asText());
                                return id;
                            });
                }));
    }

    /**
     * One author per tier ({@code tiers}, in that order), each followed by {@code viewer} and by
     * {@code others} further new users, so that each post is a real fan-out; returns the authors.
     */
    List<String> authorsFollowedBy(String viewer, int others, String... tiers) {
        List<String> authors = new java.util.ArrayList<>();
        for (String tier : tiers) {
            String author = createUsers(1, tier).get(0);
            authors.add(author);
            follow(List.of(viewer), author);
            follow(createUsers(others, "FREE"), author);
        }
        return authors;
    }

    /** Makes each follower in {@code followers} follow {@code author}. */
    void follow(List<String> followers, String author) {
        all(followers.size(), i -> send("PUT", "/v1/users/" + followers.get(i) + "/following/" + author, null, token(followers.get(i))));
    }

    CompletableFuture<String> post(String author, String text) {
        return accept(author, text).thenApply(accepted -> accepted.path("id").asText());
    }

    /** Posts one post; the service's answer ({@code id}, {@code createdAt}, …) once Kafka has it. */
    CompletableFuture<JsonNode> accept(String author, String text) {
        return send("POST", "/v1/posts", JSON.createObjectNode().put("authorId", author).put("text", text), token(author));
    }

    /** A public {@code GET} of the API, its JSON body. */
    JsonNode get(String path) {
        return send("GET", path, null, null).join();
    }

    /** Posts {@code count} posts, spread over the authors; returns their ids. */
    List<String> posts(List<String> authors, int count) {
        return all(count, i -> post(authors.get(i % authors.size()), "bench post " + i));
    }

    /** The post ids on the viewer's first feed page (reading counts as presence: the viewer is watching). */
    List<String> feedIds(String viewer, int limit) {
        List<String> ids = new ArrayList<>();
        send("GET", "/v1/users/" + viewer + "/feed?limit=" + limit, null, token(viewer)).join().path("items")
                .forEach(item -> ids.add(item.path("post").path("id").asText()));
        return ids;
    }

    void seen(String viewer, String postId) {
        seen(viewer, List.of(postId));
    }

    /** Marks the posts seen, at most 100 (the API's limit) a request. */
    void seen(String viewer, List<String> postIds) {
        for (int i = 0; i < postIds.size(); i += 100) {
            var ids = JSON.createArrayNode();
            postIds.subList(i, Math.min(postIds.size(), i + 100)).forEach(ids::add);
            send("POST", "/v1/users/" + viewer + "/feed/seen", JSON.createObjectNode().set("postIds", ids), token(viewer)).join();
        }
    }

    /** Runs {@code count} calls, at most {@link #SETUP_CONCURRENCY} at a time, and collects their results in order. */
    private <T> List<T> all(int count, Function<Integer, CompletableFuture<T>> call) {
        Semaphore slots = new Semaphore(SETUP_CONCURRENCY);
        List<CompletableFuture<T>> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            calls.add(call.apply(i).whenComplete((result, error) -> slots.release()));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<JsonNode> send(String method, String path, JsonNode body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() == 429) {
                throw new IllegalStateException(method + " " + path + " was rate-limited (429): run the benchmarks against a stack"
                        + " started with TIERFEED_RATE_LIMITS=off (bin/tierfeed down; TIERFEED_RATE_LIMITS=off bin/tierfeed up)");
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            try {
                return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String handle() {
        return "b" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }
}
