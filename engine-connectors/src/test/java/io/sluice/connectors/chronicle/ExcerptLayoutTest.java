package io.sluice.connectors.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.Sinks;
import io.sluice.connectors.testing.SplitCollectingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch excerpt layout (version 3) on real queues, and how readers treat excerpts that do not parse. */
class ExcerptLayoutTest {

    @TempDir
    Path dir;

    private static byte[] filled(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private List<byte[]> readAll(String uri) throws Exception {
        SplitCollectingOutput<byte[]> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(Readers.open(Connectors.source(uri + "?until=latest", Codecs.bytes()), 1).get(0), out);
        return out.records();
    }

    @Test
    void recordsOfEveryLengthRoundTripAndAFullByteBudgetEndsAnExcerpt() throws Exception {
        // lengths around each varint size (1, 2, 3 bytes), and one record that takes the excerpt past 64 KiB
        int[] sizes = {0, 1, 127, 128, 129, 300, 16_383, 16_384, 70_000, 3, 4};
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            records.add(filled(sizes[i], i));
        }
        String uri = "chronicle:" + dir.resolve("q");
        try (SinkWriter<byte[]> w = Connectors.sink(uri, Codecs.bytes()).createWriter(Sinks.context(0, 1))) {
            for (byte[] r : records) {
                w.write(r);
            }
            w.flush();
        }
        assertThat(ChronicleConnectorTest.recordsPerExcerpt(dir.resolve("q")))
                .as("the excerpt is full once it holds 64 KiB: it ends with the 70,000-byte record").containsExactly(9, 2);
        List<byte[]> back = readAll(uri);
        assertThat(back).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(back.get(i)).as("record %d (%d bytes)", i, sizes[i]).isEqualTo(records.get(i));
        }
    }

    /** Strings, but "bad" fails half-way through its encoding, after writing some bytes. */
    static final class FailingCodec implements Codec<String> {
        @Override
        public Class<String> type() {
            return String.class;
        }

        @Override
        public void encode(String value, OutputStream out) throws IOException {
            out.write("half-".getBytes(StandardCharsets.UTF_8));
            if (value.equals("bad")) {
                throw new IOException("cannot encode " + value);
            }
            out.write(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordWhoseEncodingFailsLeavesNothingOfItInTheBatch() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        try (SinkWriter<String> w = Connectors.sink(uri, new FailingCodec()).createWriter(Sinks.context(0, 1))) {
            assertThatThrownBy(() -> w.write("bad")).hasMessageContaining("cannot encode bad"); // first of a batch
            w.write("a");
            assertThatThrownBy(() -> w.write("bad")).hasMessageContaining("cannot encode bad"); // inside a batch
            w.write("b");
            w.flush();
        }
        assertThat(ChronicleConnectorTest.recordsPerExcerpt(dir.resolve("q"))).containsExactly(2);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(Readers.open(Connectors.source(uri + "?until=latest", Codecs.strings()), 1).get(0), out);
        assertThat(out.records()).containsExactly("half-a", "half-b");
    }

    /** A version 3 excerpt with {@code count} in its header and {@code frames} (already length-prefixed) after it. */
    private static byte[] batch(int count, byte[]... frames) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] header = ExcerptLayout.header(false, true, 0, null);
        ExcerptLayout.setWriteTime(header, 1_767_225_600_000L);
        ExcerptLayout.setCount(header, count);
        b.writeBytes(header);
        for (byte[] f : frames) {
            b.writeBytes(f);
        }
        return b.toByteArray();
    }

    private static String problem(byte[] excerpt) {
        ExcerptLayout.Reader reader = new ExcerptLayout.Reader();
        assertThat(reader.parse(excerpt, 0, excerpt.length)).as("parses").isFalse();
        return reader.problem;
    }

    @Test
    void excerptsThatDoNotParseAreRefusedWithTheReason() {
        byte[] ab = {1, 'a', 1, 'b'};
        ExcerptLayout.Reader reader = new ExcerptLayout.Reader();
        byte[] good = batch(2, ab);
        assertThat(reader.parse(good, 0, good.length)).isTrue();
        assertThat(reader.count).isEqualTo(2);
        assertThat(reader.writeTime).isEqualTo(1_767_225_600_000L);

        byte[] future = good.clone();
        future[0] = 9;
        assertThat(problem(future)).startsWith("unknown excerpt version 9 (this reader knows versions 1 to 4");
        assertThat(problem(batch(3, ab))).isEqualTo("batch excerpt of 3 records is damaged at record 2 (bad length)");
        assertThat(problem(batch(1, ab))).isEqualTo("batch excerpt of 1 records has 2 bytes after the last one");
        assertThat(problem(batch(0))).isEqualTo("batch excerpt with a record count of 0");
        assertThat(problem(batch(1, new byte[] {5, 'x'}))).contains("its 5 bytes overrun the excerpt");
        assertThat(problem(batch(1, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1})))
                .contains("bad length");
        assertThat(problem(Arrays.copyOf(good, 12))).isEqualTo("excerpt of 12 bytes is too short for a version 3 header");
    }

    @Test
    void anExcerptOfAnUnknownVersionFailsTheJobOrIsSkippedAsAWhole() throws Exception {
        Path q = dir.resolve("q");
        String uri = "chronicle:" + q;
        try (SinkWriter<String> w = Connectors.sink(uri + "?batch=2", Codecs.strings()).createWriter(Sinks.context(0, 1))) {
            w.write("a");
            w.flush();
        }
        byte[] future = batch(2, new byte[] {1, 'x', 1, 'y'});
        future[0] = 5; // a later layout this reader does not know
        try (SingleChronicleQueue queue = ChronicleQueues.open(q, ChronicleQueues.DEFAULT_ROLL, SystemTimeProvider.INSTANCE);
             ExcerptAppender appender = queue.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(future);
        }
        try (SinkWriter<String> w = Connectors.sink(uri + "?batch=2", Codecs.strings()).createWriter(Sinks.context(0, 1))) {
            w.write("b");
            w.flush();
        }
        assertThatThrownBy(() -> readAll(uri)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown excerpt version 5");
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(Readers.open(Connectors.source(uri + "?until=latest&onError=skip", Codecs.strings()), 1)
                .get(0), out);
        assertThat(out.records()).containsExactly("a", "b");
    }
}
