package io.sluice.connectors.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.clickstream.Click;
import io.sluice.connectors.testing.Sinks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {

    @Test
    void printsJsonLinesOnStdoutWhenFlushedAndLeavesStdoutOpen() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, false, UTF_8);
        System.setOut(capture);
        try {
            Sink<Click> sink = Connectors.sink("console:", Codecs.json(Click.class));
            assertThat(sink.maxParallelism()).isEqualTo(1);
            SinkWriter<Click> writer = sink.createWriter(Sinks.context(0, 1));
            writer.write(new Click(1, null, "/p/1", Click.VIEW, 5, "DE", "mobile", 0));
            assertThat(captured.size()).isZero(); // buffered until the batch ends
            writer.flush();
            writer.write(new Click(2, "s", "/p/2", Click.CART, 6, "FR", "tablet", 0));
            writer.close();
            capture.println("still open");
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(UTF_8)).isEqualTo(
                "{\"userId\":1,\"page\":\"/p/1\",\"action\":\"view\",\"ts\":5,\"country\":\"DE\",\"device\":\"mobile\",\"amountCents\":0}\n"
                + "{\"userId\":2,\"sessionId\":\"s\",\"page\":\"/p/2\",\"action\":\"cart\",\"ts\":6,\"country\":\"FR\",\"device\":\"tablet\",\"amountCents\":0}\n"
                + "still open" + System.lineSeparator());
    }

    @Test
    void rejectsParametersPathsAndUseAsSource() {
        assertThatThrownBy(() -> Connectors.sink("console:?pretty=true", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [pretty] (it takes none)");
        assertThatThrownBy(() -> Connectors.sink("console:/tmp/x", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("takes no path");
        assertThatThrownBy(() -> Connectors.source("console:", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be used as a source");
    }
}
