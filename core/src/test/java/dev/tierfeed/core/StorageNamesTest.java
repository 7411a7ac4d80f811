package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageNamesTest {

    @Test
    void aGenerationsTableNameAndItsNumberAreOneMapping() {
        assertThat(StorageNames.batchViewTable(12)).isEqualTo("batch_view_g12");
        assertThat(StorageNames.generationOf("batch_view_g12")).hasValue(12);
        assertThat(StorageNames.generationOf("batch_pointer")).isEmpty();
        assertThat(StorageNames.generationOf("batch_view_g")).isEmpty();
        assertThatThrownBy(() -> StorageNames.batchViewTable(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
