package dev.tierfeed.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GenerationsTest {

    @Test
    void aGenerationsTableIsCreatedFromTheSchemaFile() {
        String ddl = Generations.createStatement("ks", "batch_view_g7");
        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS ks.batch_view_g7 (")
                .contains("PRIMARY KEY (viewer_id, post_id)")
                .endsWith("WITH CLUSTERING ORDER BY (post_id DESC)")
                .doesNotContain("--").doesNotContain("{");
    }
}
