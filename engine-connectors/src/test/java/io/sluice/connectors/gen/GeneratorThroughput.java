package io.sluice.connectors.gen;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.connectors.clickstream.Click;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.testing.Readers;

/**
 * A rough single-thread throughput check of the generators (not a test; JMH belongs in engine-benchmarks):
 * the bare model, and the whole reader path into an output that only consumes the records.
 *
 * <pre>
 * mvn -q -pl engine-connectors test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp engine-connectors/target/classes:engine-connectors/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.sluice.connectors.gen.GeneratorThroughput [events-per-round]
 * </pre>
 */
public final class GeneratorThroughput {

    private GeneratorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        String only = args.length > 1 ? args[1] : "";
        EventTime time = new EventTime(EventTime.DEFAULT_EVENTS_PER_SECOND);
        for (int round = 0; round < 5; round++) {
            if (!only.isEmpty()) {
                report("gen:" + only + " reader", n, "gen:" + only + "?events=" + n);
                continue;
            }
            NexmarkEventModel nexmark = new NexmarkEventModel(42, time);
            long t0 = System.nanoTime();
            long sink = 0;
            Object last = null;
            for (long i = 0; i < n; i++) {
                NexmarkEvent e = nexmark.event(i);
                sink += e.dateTime();
                last = e;
            }
            sink += last.hashCode();
            report("nexmark model", n, t0, sink);

            ClickstreamEventModel clicks = new ClickstreamEventModel(42, time);
            t0 = System.nanoTime();
            sink = 0;
            for (long i = 0; i < n; i++) {
                Click c = clicks.event(i);
                sink += c.ts();
                last = c;
            }
            sink += last.hashCode();
            report("clickstream model", n, t0, sink);

            report("gen:nexmark reader", n, "gen:nexmark?events=" + n);
            report("gen:clickstream reader", n, "gen:clickstream?events=" + n);
        }
    }

    private static void report(String what, long n, String uri) throws Exception {
        Source<Object> source = Connectors.source(uri, Codecs.json(Object.class));
        SourceReader<Object> reader = Readers.open(source, 1).get(0);
        Consuming out = new Consuming();
        long t0 = System.nanoTime();
        while (reader.read(out, 1024) != io.sluice.api.connector.ReadStatus.END_OF_INPUT) {
            // keep reading
        }
        report(what, n, t0, out.sum + out.watermark + out.last.hashCode());
    }

    private static void report(String what, long n, long startNanos, long sink) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-24s %6.1f M events/s  (%d in %.2f s; %d)%n", what, n / seconds / 1e6, n, seconds, sink & 1);
    }

    /** Touches every record so that nothing is optimised away. */
    private static final class Consuming implements SourceOutput<Object> {
        long sum;
        long watermark;
        Object last;

        @Override
        public void emit(Object record) {
            sum++;
            last = record;
        }

        @Override
        public void emit(Object record, long timestamp) {
            sum += timestamp;
            last = record; // the record escapes, as it would into a queue
        }

        @Override
        public void emitWatermark(long w) {
            watermark = w;
        }

        @Override
        public void markIdle() {
        }
    }
}
