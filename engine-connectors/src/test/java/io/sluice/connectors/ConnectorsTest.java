package io.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.connector.Connectors;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    @Test
    void everySchemeIsFoundThroughTheServiceLoader() {
        assertThat(Connectors.factories()).containsKeys("gen", "file", "console", "null");
    }
}
