package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchesTest {
    /** A write to partition {@code p} owned by replica set {@code r}. */
    record Write(String p, String r, int n) {
    }

    @Test
    void writesOfAPartitionStayTogetherAndBatchesNeverMixReplicaSets() {
        List<Write> writes = List.of(new Write("a", "R1", 1), new Write("b", "R2", 2), new Write("a", "R1", 3),
                new Write("c", "R1", 4), new Write("b", "R2", 5), new Write("d", "R1", 6));

        List<List<Write>> batches = WriteBatches.pack(writes, Write::p, Write::r, 3);

        assertThat(batches).extracting(batch -> batch.stream().map(w -> w.p() + w.n()).toList()).containsExactly(
                List.of("a1", "a3", "c4"), List.of("d6"), List.of("b2", "b5"));
    }

    @Test
    void aPartitionThatDoesNotFitTheCurrentBatchStartsTheNextAndALargeOneIsSplit() {
        List<Write> writes = List.of(new Write("a", "R", 1), new Write("b", "R", 2), new Write("b", "R", 3),
                new Write("c", "R", 4), new Write("c", "R", 5), new Write("c", "R", 6), new Write("c", "R", 7));

        List<List<Write>> batches = WriteBatches.pack(writes, Write::p, Write::r, 3);

        assertThat(batches).extracting(batch -> batch.stream().map(w -> w.p() + w.n()).toList()).containsExactly(
                List.of("a1", "b2", "b3"), List.of("c4", "c5", "c6"), List.of("c7"));
        assertThat(WriteBatches.pack(List.<Write>of(), Write::p, Write::r, 3)).isEmpty();
    }
}
