package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode's topology as {@code bin/tierfeed up --cluster} starts it: every part up; a ring of
 * three Cassandra nodes with the keyspace on all three; topics with three replicas that take a
 * write once two have it; a Spark master with two workers running the streaming job's executors;
 * and the README's example through the balancer, which sends requests to both replicas.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterModeTest {
    @Test
    void statusShowsEveryNodeOfEveryPartUp(TestStack stack) {
        String status = stack.cli("status");
        for (String part : List.of("cassandra-1", "cassandra-2", "cassandra-3", "kafka-1", "kafka-2", "kafka-3", "s3", "spark-master",
                "spark-worker-1", "spark-worker-2", "streaming", "serving-1", "serving-2", "balancer")) {
            assertThat(status).as(status).containsPattern("(?m)^" + part + " +up ");
        }
        assertThat(status).containsPattern("(?m)^cassandra-3 +up +\\d+ +127\\.0\\.0\\.3:");
    }

    @Test
    void theKeyspaceIsOnThreeNodesAndTheTopicsHaveThreeReplicas(TestStack stack) throws Exception {
        try (CqlSession cql = Cql.open(stack)) {
            Map<String, String> replication = cql.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'tierfeed'")
                    .one().getMap(0, String.class, String.class);
            assertThat(replication).containsEntry("replication_factor", "3");
            assertThat(cql.getMetadata().getNodes().values()).hasSize(3)
                    .allSatisfy(node -> assertThat(node.getState().name()).isEqualTo("UP"));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(EventTopics.POSTS, EventTopics.EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS);
            topics.values().forEach(topic -> assertThat(topic.partitions()).allSatisfy(partition ->
                    assertThat(partition.replicas()).as(topic.name()).hasSize(3)));
            ConfigResource posts = new ConfigResource(ConfigResource.Type.TOPIC, EventTopics.POSTS);
            assertThat(admin.describeConfigs(List.of(posts)).all().get(30, TimeUnit.SECONDS).get(posts).get("min.insync.replicas").value())
                    .isEqualTo("2");
        }
    }

    @Test
    void theStreamingJobRunsOnTheStandaloneMastersWorkers(TestStack stack) {
        JsonNode master = stack.sparkMaster();
        assertThat(master.path("status").asText()).isEqualTo("ALIVE");
        List<JsonNode> alive = java.util.stream.StreamSupport.stream(master.path("workers").spliterator(), false)
                .filter(worker -> worker.path("state").asText().equals("ALIVE")).toList();
        assertThat(alive).extracting(worker -> worker.path("host").asText()).contains("127.0.0.2", "127.0.0.3");
        // the job's two executors of a core each, on the workers (both, unless one was restarted after a fault test)
        JsonNode app = java.util.stream.StreamSupport.stream(master.path("activeapps").spliterator(), false)
                .filter(candidate -> candidate.path("name").asText().equals("tierfeed-fan-out")).findFirst().orElseThrow();
        assertThat(app.path("state").asText()).isEqualTo("RUNNING");
        assertThat(app.path("cores").asInt()).isEqualTo(2);
        assertThat(alive.stream().mapToInt(worker -> worker.path("coresused").asInt()).sum()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theReadmeExampleWorksThroughTheBalancerAndBothReplicasServe(TestStack stack) {
        Api api = Api.of(stack);
        String alice = api.createUser("PREMIUM");
        String bob = api.createUser("FREE");
        api.follow(bob, alice);
        String post = api.createPost(alice, "hello, tierfeed");
        assertThat(api.awaitFeedContaining(bob, Duration.ofSeconds(30), post)).containsExactly(post);
        for (String replica : List.of("127.0.0.2", "127.0.0.3")) {
            Api direct = new Api("http://" + replica + ":" + stack.settings().apiPort());
            assertThat(direct.get("/v1/posts/" + post).status()).as("the post from the replica at " + replica).isEqualTo(200);
        }
    }
}
