package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.schema.SchemaId;
import java.util.List;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A {@code chronicle:} source: one queue, read in order by one instance (one split). Bounded with
 * {@code until=latest}. {@link #createSplits} resolves the start ({@code from}) and the stop index, and checks the
 * schema stamps of the first excerpt to read and of the last one, so an incompatible writer stops the job before
 * anything is read. Immutable.
 *
 * @param <T> the record type
 */
final class ChronicleSource<T> implements Source<T>, BadRecordCounter {

    private final ChronicleSourceOptions options;
    private final Codec<T> codec;
    private final BadRecords badRecords;

    ChronicleSource(ChronicleSourceOptions options, Codec<T> codec, BadRecords badRecords) {
        this.options = options;
        this.codec = codec;
        this.badRecords = badRecords;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public boolean isBounded() {
        return options.bounded();
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    @Override
    public long badRecords() {
        return badRecords.count();
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        String dir = options.dir().toString();
        try (SingleChronicleQueue queue = ChronicleQueues.open(options.dir(), options.roll(), SystemTimeProvider.INSTANCE);
             ExcerptTailer tailer = queue.createTailer()) {
            long last = queue.lastIndex();
            long stop = !options.bounded() ? ChronicleSplit.UNBOUNDED : last >= 0 ? last : ChronicleSplit.EMPTY;
            ChronicleSplit split = start(queue, tailer, dir, last, stop);
            if (options.reader() != null && last >= 0) {
                checkSchema(tailer, split);
                checkSchemaAt(tailer, last);
            }
            return List.of(split);
        }
    }

    private ChronicleSplit start(SingleChronicleQueue queue, ExcerptTailer tailer, String dir, long last, long stop) {
        ChronicleStart start = options.start();
        switch (start.kind()) {
            case EARLIEST:
                return new ChronicleSplit(dir, ChronicleSplit.START, false, stop);
            case LATEST:
                return last >= 0 ? new ChronicleSplit(dir, last, true, stop) : new ChronicleSplit(dir, ChronicleSplit.START, false, stop);
            case INDEX:
                if (start.value() < 0 || !tailer.moveToIndex(start.value())) {
                    throw new BadInputException(name() + ": no excerpt at index " + start.value() + " (first "
                            + queue.firstIndex() + ", last " + last + ")");
                }
                if (start.offset() > 0) {
                    int records = recordsAt(tailer);
                    if (start.offset() >= records) {
                        throw new BadInputException(name() + ": the excerpt at index " + start.value() + " holds "
                                + records + " record(s), so it has no record " + start.offset() + " (they count from 0)");
                    }
                }
                return new ChronicleSplit(dir, start.value(), false, start.offset(), stop);
            default:
                long at = firstWrittenAtOrAfter(queue, tailer, start.value());
                return at >= 0 ? new ChronicleSplit(dir, at, false, stop)
                        : last >= 0 ? new ChronicleSplit(dir, last, true, stop) : new ChronicleSplit(dir, ChronicleSplit.START, false, stop);
        }
    }

    /**
     * The index of the first excerpt written at or after {@code time}, or -1: skips whole cycles that ended
     * before it, then scans.
     */
    private static long firstWrittenAtOrAfter(SingleChronicleQueue queue, ExcerptTailer tailer, long time) {
        long length = queue.rollCycle().lengthInMillis();
        tailer.toStart();
        for (Long cycle : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle())) {
            if (queue.epoch() + (cycle + 1) * length > time) {
                tailer.moveToCycle(cycle.intValue());
                break;
            }
        }
        ExcerptLayout.Reader header = new ExcerptLayout.Reader();
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return -1;
                }
                if (header.read(dc.wire().bytes()) && header.writeTime >= time) {
                    return dc.index();
                }
            }
        }
    }

    /** The records of the excerpt the tailer is at (0 if it cannot be parsed); the tailer stays there. */
    private static int recordsAt(ExcerptTailer tailer) {
        ExcerptLayout.Reader header = new ExcerptLayout.Reader();
        try (DocumentContext dc = tailer.readingDocument()) {
            int records = dc.isPresent() && header.read(dc.wire().bytes()) ? header.count : 0;
            dc.rollbackOnClose();
            return records;
        }
    }

    private void checkSchema(ExcerptTailer tailer, ChronicleSplit split) {
        if (split.index() == ChronicleSplit.START) {
            tailer.toStart();
        } else if (!tailer.moveToIndex(split.index())) {
            return;
        } else if (split.after()) {
            return; // starts after the last excerpt: only new ones, checked as they come
        }
        checkNext(tailer);
    }

    private void checkSchemaAt(ExcerptTailer tailer, long index) {
        if (tailer.moveToIndex(index)) {
            checkNext(tailer);
        }
    }

    private void checkNext(ExcerptTailer tailer) {
        ExcerptLayout.Reader header = new ExcerptLayout.Reader();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || !header.read(dc.wire().bytes()) || !header.hasSchema()) {
                return;
            }
            SchemaId stamp = SchemaId.fromBytes(header.schema());
            if (stamp == null || !options.reader().accepts(stamp)) {
                throw new BadInputException(name() + ": incompatible schema at index " + dc.index() + ": "
                        + (stamp == null ? "malformed stamp '" + header.schemaText() + "'" : options.reader().refusal(stamp))
                        + "; nothing was processed");
            }
        }
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) {
        ChronicleSplit split = null;
        for (SourceSplit s : context.splits()) {
            if (!(s instanceof ChronicleSplit c)) {
                throw new BadInputException(name() + ": cannot read split " + s.splitId() + " (not a chronicle split)");
            }
            split = c;
        }
        return new ChronicleSourceReader<>(options, codec, badRecords, split, context.jobName());
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return ChronicleSplitCodec.INSTANCE;
    }

    @Override
    public String toString() {
        return name();
    }
}
