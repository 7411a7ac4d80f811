package dev.tierfeed.serving;

import com.codahale.metrics.Gauge;
import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.HybridFanOut;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.PresenceCoalescing;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.auth.BearerAuth;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.auth.PasswordHasher;
import dev.tierfeed.serving.auth.TokenAuthenticator;
import dev.tierfeed.serving.cli.MigrateCommand;
import dev.tierfeed.serving.db.AuditStore;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.CassandraSessions;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.IngestCountsStore;
import dev.tierfeed.serving.db.LockoutStore;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.PresenceRecorder;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.PullStore;
import dev.tierfeed.serving.db.SeenRangeStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.SessionStore;
import dev.tierfeed.serving.db.SpeedViewStore;
import dev.tierfeed.serving.db.StreamHeartbeatStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.errors.BodySizeLimit;
import dev.tierfeed.serving.errors.ErrorMappers;
import dev.tierfeed.serving.errors.JsonErrorHandler;
import dev.tierfeed.serving.errors.StrictJson;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.feed.FanOutHorizon;
import dev.tierfeed.serving.feed.FeedReader;
import dev.tierfeed.serving.feed.PulledAuthors;
import dev.tierfeed.serving.health.BatchViewHealthCheck;
import dev.tierfeed.serving.health.CassandraHealthCheck;
import dev.tierfeed.serving.health.FanOutLag;
import dev.tierfeed.serving.health.FanOutLagHealthCheck;
import dev.tierfeed.serving.health.KafkaHealthCheck;
import dev.tierfeed.serving.health.ObjectStoreHealthCheck;
import dev.tierfeed.serving.health.StreamingHealthCheck;
import dev.tierfeed.serving.limits.RateLimits;
import dev.tierfeed.serving.lockout.LoginFailureCounter;
import dev.tierfeed.serving.metrics.EndpointMetrics;
import dev.tierfeed.serving.metrics.PrometheusEndpoint;
import dev.tierfeed.serving.metrics.StreamingGauges;
import dev.tierfeed.serving.objects.MediaStore;
import dev.tierfeed.serving.objects.ObjectStore;
import dev.tierfeed.serving.resources.AuditResource;
import dev.tierfeed.serving.resources.FeedResource;
import dev.tierfeed.serving.resources.FeedStreamResource;
import dev.tierfeed.serving.resources.MediaResource;
import dev.tierfeed.serving.resources.OpenApiResource;
import dev.tierfeed.serving.resources.PostResource;
import dev.tierfeed.serving.resources.PresenceResource;
import dev.tierfeed.serving.resources.SessionResource;
import dev.tierfeed.serving.resources.StatsResource;
import dev.tierfeed.serving.resources.UserResource;
import dev.tierfeed.serving.resources.params.ApiParamConverters;
import dev.tierfeed.serving.stream.LiveFeeds;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The tierfeed HTTP service: validates requests, writes master data to Cassandra, publishes
 * posts to Kafka, and serves feeds from the views. Wired by hand, no DI framework.
 *
 * <p>Commands: {@code server tierfeed.yml} runs the service; {@code migrate tierfeed.yml}
 * applies the versioned CQL schema.
 */
public class TierfeedApplication extends Application<TierfeedConfiguration> {
    /**
     * Threads that write the answers that wait on a backend: posts once Kafka has acknowledged them,
     * feed pages once Cassandra has answered (neither client's network thread should write them).
     */
    private static final int ANSWER_THREADS = 4;

    private final Clock clock;

    public TierfeedApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new TierfeedApplication(Clock.systemUTC()).run(args);
    }

    @Override
    public String getName() {
        return "tierfeed";
    }

    @Override
    public void initialize(Bootstrap<TierfeedConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new MigrateCommand());
        // the web page: static files from the classpath, at /app/ (the API is everything under /v1)
        bootstrap.addBundle(new AssetsBundle("/web", "/app", "index.html", "web"));
    }

    @Override
    public void run(TierfeedConfiguration config, Environment environment) {
        StrictJson.apply(environment.getObjectMapper());
        // errors Jetty answers before any resource (a malformed path, too large a header) in the API's JSON shape
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        CqlSession session = CassandraSessions.open(config.cassandra, true);
        environment.lifecycle().manage(CassandraSessions.managed(session));
        ExecutorService answers = environment.lifecycle().executorService("answers-%d").minThreads(ANSWER_THREADS).maxThreads(ANSWER_THREADS).build();
        LogPublisher publisher = LogPublisher.create(config.kafka, environment.metrics(), answers);
        environment.lifecycle().manage(publisher);

        TierRules rules = config.rules.toRules();
        IdGenerator ids = new IdGenerator(clock, config.nodeId);
        UserStore users = new UserStore(session);
        UserCache knownUsers = new UserCache(users, config.userCache.ttl, config.userCache.maxUsers);
        FollowStore follows = new FollowStore(session);
        PostStore posts = new PostStore(session);
        SeenStore seen = new SeenStore(session);
        BatchViewStore batchView = new BatchViewStore(session, clock);
        PresenceStore presence = new PresenceStore(session, rules);
        PulledAuthors pulledAuthors = new PulledAuthors(new PullStore(session), new HybridFanOut(config.hybridThreshold), rules, clock);
        StreamHeartbeatStore heartbeats = new StreamHeartbeatStore(session);
        FanOutHorizon horizon = new FanOutHorizon(heartbeats, config.kafka.sendTimeout);
        environment.lifecycle().scheduledExecutorService("fan-out-horizon").build()
                .scheduleWithFixedDelay(horizon::refresh, 0, FanOutHorizon.REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        FeedReader feeds = new FeedReader(new SpeedViewStore(session), batchView, seen, follows,
                new FeedReader.Pulls(pulledAuthors, posts, presence, new DeliveryPolicy(rules), environment.metrics().meter("tierfeed.feed.pulled_posts")),
                new FeedReader.Skips(new SeenRangeStore(session), horizon), new PendingFeed(rules));
        environment.metrics().register("tierfeed.feed.authors_to_pull", (Gauge<Integer>) () -> pulledAuthors.toPull().size());

        PasswordHasher hasher = new PasswordHasher();
        SessionStore sessions = new SessionStore(session);
        CachingAuthenticator<String, Caller> tokens = new CachingAuthenticator<>(environment.metrics(),
                new TokenAuthenticator(sessions, Optional.ofNullable(config.auth.operatorToken), clock),
                Caffeine.newBuilder().expireAfterWrite(config.auth.tokenCache).maximumSize(100_000));
        BearerAuth.register(environment.jersey(), tokens);

        LockoutStore lockouts = new LockoutStore(session);
        environment.lifecycle().manage(new LoginFailureCounter(config.kafka.bootstrapServers, lockouts, config.lockout.toRule(), clock, environment.metrics()));
        environment.jersey().register(new SessionResource(users, knownUsers, sessions, lockouts, publisher, hasher, tokens, config.auth.sessionLifetime, clock));
        ObjectStore objects = ObjectStore.open(config.s3);
        environment.lifecycle().manage(new AutoCloseableManager(objects));
        MediaStore media = new MediaStore(objects.client(), config.s3.mediaBucket);
        environment.jersey().register(new UserResource(users, knownUsers, follows, pulledAuthors, posts, media, publisher, hasher, ids, clock));
        environment.jersey().register(new PostResource(knownUsers, posts, publisher, media, ids));
        environment.jersey().register(new MediaResource(media, config.media.limits(), ids));
        PresenceRecorder feedPresence = new PresenceRecorder(presence, publisher, new PresenceCoalescing(config.presenceInterval, rules),
                config.presenceInterval, clock);
        environment.lifecycle().manage(feedPresence);
        environment.jersey().register(new FeedResource(knownUsers, feeds, seen, feedPresence, publisher, clock, answers));
        LiveFeeds live = new LiveFeeds(config.kafka.bootstrapServers, follows, knownUsers, feeds, feedPresence, new DeliveryPolicy(rules), clock,
                config.stream.maxConnections, config.stream.heartbeat, environment.metrics());
        environment.lifecycle().manage(live);
        environment.jersey().register(new FeedStreamResource(knownUsers, live));
        environment.jersey().register(new PresenceResource(knownUsers, presence, publisher, clock));
        environment.jersey().register(new AuditResource(new AuditStore(session)));
        environment.jersey().register(new StatsResource(new IngestCountsStore(session), clock));
        environment.jersey().register(new OpenApiResource());

        ErrorMappers.all().forEach(environment.jersey()::register);
        environment.jersey().register(new ApiParamConverters());
        environment.jersey().register(new BodySizeLimit(config.maxBodySize.toBytes()));
        if (config.rateLimits.enabled) {
            environment.jersey().register(new RateLimits(config.rateLimits.rates()));
        }
        environment.jersey().register(new EndpointMetrics(environment.metrics()));
        PrometheusEndpoint.register(environment.metrics(), environment.admin());

        environment.healthChecks().register("cassandra", new CassandraHealthCheck(session));
        environment.healthChecks().register("kafka", new KafkaHealthCheck(publisher));
        environment.healthChecks().register("streaming", new StreamingHealthCheck(heartbeats, clock, config.streaming.maxSilence));
        for (String query : List.of(StorageNames.INGEST_STATS_QUERY, StorageNames.LAKE_QUERY)) {
            environment.healthChecks().register(query, new StreamingHealthCheck(query, heartbeats, clock, config.streaming.maxSilence));
        }
        FanOutLag lag = new FanOutLag(heartbeats, publisher, clock);
        environment.healthChecks().register("fan-out-lag", new FanOutLagHealthCheck(lag, config.streaming.maxLag));
        StreamingGauges.register(environment.metrics(), lag);
        environment.healthChecks().register("batch-view", new BatchViewHealthCheck(batchView, clock, config.batch.maxAge));
        environment.healthChecks().register("s3", new ObjectStoreHealthCheck(objects));
    }
}
