package io.sluice.connectors.testing;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Drives readers through the SPI the way a worker would, without the runtime. */
public final class Readers {

    private Readers() {
    }

    public static SourceContext context(int index, int parallelism, List<SourceSplit> splits) {
        return SourceContext.of("test", index, parallelism, splits);
    }

    /** Splits for a fresh start, assigned as the runtime does: split {@code i} to instance {@code i % parallelism}. */
    public static List<List<SourceSplit>> assign(List<SourceSplit> splits, int parallelism) {
        List<List<SourceSplit>> perInstance = new ArrayList<>();
        for (int k = 0; k < parallelism; k++) {
            perInstance.add(new ArrayList<>());
        }
        for (int i = 0; i < splits.size(); i++) {
            perInstance.get(i % parallelism).add(splits.get(i));
        }
        return perInstance;
    }

    /** Opens one reader per instance of a fresh start. */
    public static <T> List<SourceReader<T>> open(Source<T> source, int parallelism) throws Exception {
        return openWith(source, assign(source.createSplits(parallelism), parallelism));
    }

    /** Opens one reader per list of splits. */
    public static <T> List<SourceReader<T>> openWith(Source<T> source, List<List<SourceSplit>> splits) throws Exception {
        List<SourceReader<T>> readers = new ArrayList<>();
        for (int k = 0; k < splits.size(); k++) {
            SourceReader<T> reader = source.createReader(context(k, splits.size(), splits.get(k)));
            reader.open();
            readers.add(reader);
        }
        return readers;
    }

    /** Reads until END_OF_INPUT, in batches of {@code batch}; fails if the reader stalls. */
    public static <T> void drain(SourceReader<T> reader, CollectingOutput<T> out, int batch) throws Exception {
        for (int calls = 0; calls < 10_000_000; calls++) {
            int before = out.records.size();
            ReadStatus status = reader.read(out, batch);
            if (out.records.size() - before > batch) {
                throw new AssertionError("emitted " + (out.records.size() - before) + " > maxRecords " + batch);
            }
            if (status == ReadStatus.END_OF_INPUT) {
                return;
            }
        }
        throw new AssertionError("reader did not end");
    }

    /** Reads up to {@code count} records (fewer if the input ends). */
    public static <T> void readAtMost(SourceReader<T> reader, CollectingOutput<T> out, int count, int batch)
            throws Exception {
        int target = out.records.size() + count;
        while (out.records.size() < target) {
            ReadStatus status = reader.read(out, Math.min(batch, target - out.records.size()));
            if (status == ReadStatus.END_OF_INPUT) {
                return;
            }
        }
    }

    /** Snapshots a reader's splits and passes them through the source's split codec, as a checkpoint would. */
    public static List<SourceSplit> checkpoint(Source<?> source, SourceReader<?> reader, long checkpointId) {
        Codec<SourceSplit> codec = source.splitCodec();
        List<SourceSplit> restored = new ArrayList<>();
        for (SourceSplit split : reader.snapshotSplits(checkpointId)) {
            try {
                restored.add(codec.decode(codec.encode(split)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return restored;
    }
}
