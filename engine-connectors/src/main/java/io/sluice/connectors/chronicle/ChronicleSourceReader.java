package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.schema.ReaderSchema;
import io.sluice.connectors.schema.SchemaId;
import java.io.IOException;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Tails one queue: each excerpt is an {@link ExcerptLayout} header and the record's bytes, decoded by the codec
 * and emitted with the write time as event time; after each call the watermark is the highest write time minus
 * 1 ms. {@link #read} never blocks: a tailer with nothing new returns {@link ReadStatus#NOTHING_AVAILABLE}.
 * A bounded reader ends after its stop index; with a rate it reads no more excerpts than are due since its first
 * {@code read}. Bad excerpts (malformed header, refused schema, codec failure)
 * follow the source's {@link BadRecords} policy, named {@code index N}.
 *
 * <p>The queue and tailer are opened in {@link #open()} on the worker thread and used only there (Chronicle
 * tailers are confined to one thread). {@link #snapshotSplits} returns the index of the last excerpt read.
 *
 * @param <T> the record type
 */
final class ChronicleSourceReader<T> implements SourceReader<T> {

    private final ChronicleSourceOptions options;
    private final Codec<T> codec;
    private final BadRecords badRecords;
    private final ReaderSchema reader;
    private final String jobName;
    private final ExcerptLayout.Reader header = new ExcerptLayout.Reader();
    /** The position as of the last snapshot or open; {@link #lastRead} is newer while {@link #advanced}. */
    private ChronicleSplit split;
    private long lastRead;
    private boolean advanced;
    private SingleChronicleQueue queue;
    private ExcerptTailer tailer;
    private SourceOutput<T> out;
    private SourceOutput<T> boundTo;
    private byte[] buffer = new byte[256];
    private byte[] acceptedStamp;
    private long maxWriteTime = Long.MIN_VALUE;
    private boolean ended;
    /** With a rate: when pacing started, and the excerpts read since. */
    private long paceStartNanos = Long.MIN_VALUE;
    private long paced;

    ChronicleSourceReader(ChronicleSourceOptions options, Codec<T> codec, BadRecords badRecords, ChronicleSplit split,
                          String jobName) {
        this.options = options;
        this.codec = codec;
        this.badRecords = badRecords;
        this.reader = options.reader();
        this.split = split;
        this.jobName = jobName;
    }

    @Override
    public void open() throws Exception {
        badRecords.open(jobName);
        if (split == null || split.stopIndex() == ChronicleSplit.EMPTY) {
            ended = true;
            return;
        }
        queue = ChronicleQueues.open(options.dir(), options.roll(), SystemTimeProvider.INSTANCE);
        tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true); // confined to the worker thread by the SourceReader contract
        if (split.index() == ChronicleSplit.START) {
            tailer.toStart();
        } else if (tailer.moveToIndex(split.index())) {
            if (split.after()) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    // skips the excerpt read last
                }
            }
        } else if (split.index() < queue.firstIndex()) {
            tailer.toStart(); // the cycle holding it was deleted by retention: continue with the oldest left
        } else if (!split.after()) {
            throw new BadInputException(options.name() + ": no excerpt at index " + split.index());
        }
    }

    @Override
    public ReadStatus read(SourceOutput<T> output, int maxRecords) throws Exception {
        if (ended) {
            return ReadStatus.END_OF_INPUT;
        }
        if (boundTo != output) {
            boundTo = output;
            out = output.forSplit(split.splitId());
        }
        int limit = options.rate() > 0 ? due(maxRecords) : maxRecords;
        if (limit == 0) {
            return ReadStatus.NOTHING_AVAILABLE;
        }
        int emitted = 0;
        int consumed = 0;
        long stop = split.stopIndex();
        while (consumed < limit) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                long index = dc.index();
                if (stop != ChronicleSplit.UNBOUNDED && index > stop) {
                    dc.rollbackOnClose();
                    ended = true;
                    break;
                }
                lastRead = index; // the split itself is made at a snapshot: no allocation per record
                advanced = true;
                consumed++;
                if (emit(dc.wire().bytes(), index)) {
                    emitted++;
                }
                if (index == stop) {
                    ended = true;
                    break;
                }
            }
        }
        paced += consumed;
        if (emitted > 0) {
            out.emitWatermark(maxWriteTime - 1);
        }
        if (ended) {
            return ReadStatus.END_OF_INPUT;
        }
        return emitted > 0 ? ReadStatus.MORE_AVAILABLE : ReadStatus.NOTHING_AVAILABLE;
    }

    /** How many excerpts the rate allows now, at most {@code maxRecords}; the schedule starts at the first call. */
    private int due(int maxRecords) {
        long now = System.nanoTime();
        if (paceStartNanos == Long.MIN_VALUE) {
            paceStartNanos = now;
        }
        long allowed = (long) ((now - paceStartNanos) / 1e9 * options.rate()) + 1 - paced;
        return (int) Math.max(0, Math.min(maxRecords, allowed));
    }

    /** Decodes and emits one excerpt; {@code false} when it was bad and handled by the policy. */
    private boolean emit(Bytes<?> bytes, long index) throws Exception {
        int length = (int) bytes.readRemaining();
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        bytes.read(buffer, 0, length); // the whole excerpt in one read; the header is parsed from the array
        if (!header.parse(buffer, 0, length)) {
            bad(index, 0, length, header.problem); // the whole excerpt goes to the dead letter
            return false;
        }
        int at = header.recordOffset;
        if (reader != null && header.hasSchema() && !header.schemaIs(acceptedStamp)) {
            SchemaId stamp = SchemaId.fromBytes(header.schema());
            if (stamp == null || !reader.accepts(stamp)) {
                bad(index, at, length - at, stamp == null ? "malformed schema stamp" : reader.refusal(stamp));
                return false;
            }
            acceptedStamp = header.schema();
        }
        T value;
        try {
            value = codec.decode(buffer, at, length - at);
        } catch (IOException | RuntimeException e) {
            badRecords.handle("index " + index, buffer, at, length - at, null, header.schemaText(), BadRecords.reason(e), e);
            return false;
        }
        if (header.writeTime > maxWriteTime) {
            maxWriteTime = header.writeTime;
        }
        out.emit(value, header.writeTime);
        return true;
    }

    private void bad(long index, int offset, int length, String error) throws Exception {
        badRecords.handle("index " + index, buffer, offset, length, null, header.schemaText(), error, null);
    }

    @Override
    public List<SourceSplit> snapshotSplits(long checkpointId) {
        if (advanced) {
            split = split.afterIndex(lastRead);
            advanced = false;
        }
        return split == null ? List.of() : List.of(split);
    }

    @Override
    public void close() throws Exception {
        try {
            if (tailer != null) {
                tailer.close();
            }
            if (queue != null) {
                queue.close();
            }
        } finally {
            badRecords.close();
        }
    }
}
