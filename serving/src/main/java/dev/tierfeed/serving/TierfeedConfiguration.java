package dev.tierfeed.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tierfeed.core.HybridFanOut;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Lockout;
import dev.tierfeed.core.MediaLimits;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.limits.RateLimits;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.DataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;

/** The service's validated configuration ({@code serving/tierfeed.yml}). Durations are ISO-8601. */
public class TierfeedConfiguration extends Configuration {

    /** This replica's number in post and user ids; replicas must not share one. */
    @Min(0)
    @Max(Ids.MAX_NODE)
    @JsonProperty
    public int nodeId;

    @Valid
    @NotNull
    @JsonProperty
    public CassandraSettings cassandra = new CassandraSettings();

    @Valid
    @NotNull
    @JsonProperty
    public KafkaSettings kafka = new KafkaSettings();

    @Valid
    @NotNull
    @JsonProperty
    public S3Settings s3 = new S3Settings();

    @Valid
    @NotNull
    @JsonProperty
    public MediaSettings media = new MediaSettings();

    @Valid
    @NotNull
    @JsonProperty
    public AuthSettings auth = new AuthSettings();

    @Valid
    @NotNull
    @JsonProperty
    public RateLimitSettings rateLimits = new RateLimitSettings();

    @Valid
    @NotNull
    @JsonProperty
    public LockoutSettings lockout = new LockoutSettings();

    @Valid
    @NotNull
    @JsonProperty
    public StreamSettings stream = new StreamSettings();

    /** The largest JSON request body (uploads have their own limits). */
    @NotNull
    @JsonProperty
    public DataSize maxBodySize = DataSize.kibibytes(64);

    @Valid
    @NotNull
    @JsonProperty
    public StreamingSettings streaming = new StreamingSettings();

    @Valid
    @NotNull
    @JsonProperty
    public BatchSettings batch = new BatchSettings();

    @Valid
    @NotNull
    @JsonProperty
    public TierRuleSettings rules = new TierRuleSettings();

    @Valid
    @NotNull
    @JsonProperty
    public UserCacheSettings userCache = new UserCacheSettings();

    /** Authors with more followers than this are pulled at read time instead of fanned out (the hybrid fan-out). */
    @Min(0)
    @JsonProperty
    public long hybridThreshold = HybridFanOut.DEFAULT_THRESHOLD;

    /** How long one interval of a viewer's feed requests lasts, of which the first and last are stored as presence. */
    @NotNull
    @JsonProperty
    public Duration presenceInterval = Duration.ofSeconds(1);

    /** How long a replica may use what it read of a user (see {@code UserCache}). */
    public static class UserCacheSettings {
        /** A tier change reaches posts made through other replicas within this. */
        @NotNull
        @JsonProperty
        public Duration ttl = Duration.ofSeconds(5);

        @Min(1)
        @JsonProperty
        public long maxUsers = 200_000;
    }

    /** The settings of the tier rules, which {@code core}'s {@link TierRules} interprets (positive ISO-8601 durations). */
    public static class TierRuleSettings {
        @NotNull
        @JsonProperty
        public Duration standardRetention = TierRules.DEFAULTS.standardRetention();

        @NotNull
        @JsonProperty
        public Duration freeRetention = TierRules.DEFAULTS.freeRetention();

        @NotNull
        @JsonProperty
        public Duration presenceWindow = TierRules.DEFAULTS.presenceWindow();

        @NotNull
        @JsonProperty
        public Duration premiumSpeedTtl = TierRules.DEFAULTS.premiumSpeedTtl();

        public TierRules toRules() {
            return new TierRules(standardRetention, freeRetention, presenceWindow, premiumSpeedTtl);
        }
    }

    public static class BatchSettings {
        /** The batch-view readiness check fails when the newest generation's cutoff is older than this. */
        @NotNull
        @JsonProperty
        public Duration maxAge = Duration.ofHours(36);
    }

    public static class CassandraSettings {
        @NotEmpty
        @JsonProperty
        public String host = "127.0.0.1";

        @Min(1)
        @Max(65535)
        @JsonProperty
        public int port = 9042;

        @NotEmpty
        @JsonProperty
        public String localDatacenter = "datacenter1";

        @NotEmpty
        @JsonProperty
        public String keyspace = "tierfeed";

        @Min(1)
        @JsonProperty
        public int replicationFactor = 1;

        @NotEmpty
        @JsonProperty
        public String consistency = "LOCAL_QUORUM";

        @NotNull
        @JsonProperty
        public Duration requestTimeout = Duration.ofSeconds(5);
    }

    public static class KafkaSettings {
        @NotEmpty
        @JsonProperty
        public String bootstrapServers = "127.0.0.1:9092";

        @NotNull
        @JsonProperty
        public Duration sendTimeout = Duration.ofSeconds(10);
    }

    /** The S3-compatible store of the lake and the media (any endpoint speaking S3, path-style). */
    public static class S3Settings {
        @NotEmpty
        @JsonProperty
        public String endpoint = "http://127.0.0.1:9000";

        @NotEmpty
        @JsonProperty
        public String region = "us-east-1";

        @NotEmpty
        @JsonProperty
        public String accessKey = "tierfeed";

        @NotEmpty
        @JsonProperty
        public String secretKey = "tierfeed-secret";

        @NotEmpty
        @JsonProperty
        public String lakeBucket = "tierfeed-lake";

        @NotEmpty
        @JsonProperty
        public String mediaBucket = "tierfeed-media";
    }

    /** Token buckets per client ({@code RateLimits}); each budget's whole amount may be spent at once, then it refills evenly. */
    public static class RateLimitSettings {
        /** {@code off} lifts every rate limit (benchmarks, load tests). */
        @JsonProperty
        public boolean enabled = true;

        /** Sign-ups per client address per minute. */
        @Min(1)
        @JsonProperty
        public long signUpsPerMinute = 20;

        /** Log-ins (right or wrong) per client address per minute. */
        @Min(1)
        @JsonProperty
        public long logInsPerMinute = 30;

        /** Posts and uploads per user per minute. */
        @Min(1)
        @JsonProperty
        public long postsPerMinute = 600;

        /** Any other request per user (per address without a token) per second. */
        @Min(1)
        @JsonProperty
        public long requestsPerSecond = 100;

        public Map<RateLimits.Budget, RateLimits.Rate> rates() {
            return Map.of(RateLimits.Budget.SIGN_UP, new RateLimits.Rate(signUpsPerMinute, Duration.ofMinutes(1)),
                    RateLimits.Budget.LOG_IN, new RateLimits.Rate(logInsPerMinute, Duration.ofMinutes(1)),
                    RateLimits.Budget.POST, new RateLimits.Rate(postsPerMinute, Duration.ofMinutes(1)),
                    RateLimits.Budget.REQUEST, new RateLimits.Rate(requestsPerSecond, Duration.ofSeconds(1)));
        }
    }

    /** Accounts and tokens. */
    public static class AuthSettings {
        /** The operator's bearer token (tier changes, sessions opened for a user); empty: no operator. */
        @JsonProperty
        public String operatorToken = "";

        /** How long a session's token is valid. */
        @NotNull
        @JsonProperty
        public Duration sessionLifetime = Duration.ofDays(7);

        /** How long a replica trusts a token it has checked: a log-out reaches other replicas within this. */
        @NotNull
        @JsonProperty
        public Duration tokenCache = Duration.ofSeconds(10);
    }

    /** The live feed ({@code GET /v1/users/{id}/feed/stream}). */
    public static class StreamSettings {
        /** Open streams this replica serves at most; past it a new one is 503. */
        @Min(1)
        @JsonProperty
        public int maxConnections = 1_000;

        /** How often an idle stream gets a comment, so proxies and idle timeouts keep it open. */
        @NotNull
        @JsonProperty
        public Duration heartbeat = Duration.ofSeconds(15);
    }

    /** Lockout after failed log-ins ({@code core}'s {@link Lockout}); it stays on when rate limits are off. */
    public static class LockoutSettings {
        @Min(1)
        @JsonProperty
        public int attempts = Lockout.DEFAULTS.attempts();

        @NotNull
        @JsonProperty
        public Duration window = Lockout.DEFAULTS.window();

        @NotNull
        @JsonProperty
        public Duration duration = Lockout.DEFAULTS.duration();

        public Lockout toRule() {
            return new Lockout(attempts, window, duration);
        }
    }

    /** Upload limits ({@code core}'s {@link MediaLimits}): sizes such as {@code 5MiB} or {@code 100MB}. */
    public static class MediaSettings {
        @NotNull
        @JsonProperty
        public DataSize maxImageSize = DataSize.bytes(MediaLimits.DEFAULTS.maxImageBytes());

        @NotNull
        @JsonProperty
        public DataSize maxVideoSize = DataSize.bytes(MediaLimits.DEFAULTS.maxVideoBytes());

        public MediaLimits limits() {
            return new MediaLimits(maxImageSize.toBytes(), maxVideoSize.toBytes());
        }
    }

    public static class StreamingSettings {
        /** The streaming query is unhealthy when it has reported no progress for this long. */
        @NotNull
        @JsonProperty
        public Duration maxSilence = Duration.ofSeconds(60);

        /** The fan-out-lag check fails while posts wait longer than this to be fanned out. */
        @NotNull
        @JsonProperty
        public Duration maxLag = Duration.ofSeconds(30);
    }
}
