package io.sluice.benchmarks.support;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.util.ArrayList;
import java.util.List;

/** Pre-generates NEXMark events with the {@code gen:nexmark} connector, through its public SPI. */
public final class NexmarkData {

    private NexmarkData() {
    }

    /** The first {@code count} bids of the generator's stream for {@code seed}. */
    public static Bid[] bids(int count, long seed) throws Exception {
        List<Bid> bids = new ArrayList<>(count);
        SourceReader<NexmarkEvent> reader = reader("gen:nexmark?seed=" + seed);
        reader.open();
        SourceOutput<NexmarkEvent> out = new SourceOutput<>() {
            @Override
            public void emit(NexmarkEvent record) {
                if (record instanceof Bid && bids.size() < count) {
                    bids.add((Bid) record);
                }
            }

            @Override
            public void emit(NexmarkEvent record, long timestamp) {
                emit(record);
            }

            @Override
            public void emitWatermark(long watermark) {
            }

            @Override
            public void markIdle() {
            }
        };
        while (bids.size() < count) {
            if (reader.read(out, 4096) == ReadStatus.END_OF_INPUT) {
                break;
            }
        }
        reader.close();
        return bids.toArray(new Bid[0]);
    }

    /** A reader of one instance (of one) of a generator URI. */
    public static SourceReader<NexmarkEvent> reader(String uri) throws Exception {
        Source<NexmarkEvent> source = Connectors.source(uri, Codecs.json(NexmarkEvent.class));
        List<SourceSplit> splits = source.createSplits(1);
        return source.createReader(SourceContext.of("benchmark", 0, 1, splits));
    }
}
