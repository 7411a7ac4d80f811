package dev.tierfeed.systemtests;

import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The test stack's log as a test reads it for itself: every event of a topic, from its beginning to its end. */
final class EventLog {
    private EventLog() {
    }

    static List<Post> posts(TestStack stack) {
        return read(stack, EventTopics.POSTS, PostEventCodec::decode);
    }

    /** Every event of the events topic (users, tiers, follows, seen receipts, presence). */
    static List<UserEvent> events(TestStack stack) {
        return read(stack, EventTopics.EVENTS, UserEventCodec::decode);
    }

    private static <T> List<T> read(TestStack stack, String topic, Function<byte[], T> decode) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(decode.apply(record.value()));
                }
            }
        }
        return events;
    }
}
