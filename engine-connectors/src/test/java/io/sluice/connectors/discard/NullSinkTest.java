package io.sluice.connectors.discard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.testing.Sinks;
import org.junit.jupiter.api.Test;

class NullSinkTest {

    @Test
    void countsWhatAllWritersDiscard() throws Exception {
        Sink<String> sink = Connectors.sink("null:", Codecs.strings());
        assertThat(sink).isInstanceOf(NullSink.class);
        assertThat(sink.maxParallelism()).isEqualTo(Integer.MAX_VALUE);
        SinkWriter<String> a = sink.createWriter(Sinks.context(0, 2));
        SinkWriter<String> b = sink.createWriter(Sinks.context(1, 2));
        for (int i = 0; i < 1000; i++) {
            a.write("x");
        }
        b.write("y");
        a.flush();
        assertThat(((NullSink<String>) sink).count()).isEqualTo(1000);
        a.close();
        b.close();
        assertThat(((NullSink<String>) sink).count()).isEqualTo(1001);
    }

    @Test
    void rejectsParametersAndPaths() {
        assertThatThrownBy(() -> Connectors.sink("null:?x=1", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [x]");
        assertThatThrownBy(() -> Connectors.sink("null:somewhere", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("takes no path");
    }
}
