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
 * Tails one queue: each excerpt is an {@link ExcerptLayout} header and a batch of records (or one), decoded by the
 * codec and emitted with the excerpt's write time as event time; after each call the watermark is the highest
 * write time minus 1 ms. {@link #read} never blocks: a tailer with nothing new returns
 * {@link ReadStatus#NOTHING_AVAILABLE}. An excerpt is copied out of the queue in one read and its records are
 * emitted from the copy, across as many {@code read} calls as {@code maxRecords} asks, so the position is an
 * excerpt index and a record in it: {@link #snapshotSplits} returns {@code after} the last excerpt read whole,
 * or the excerpt being read and how many of its records were emitted, and a restored reader continues with the
 * next record. A bounded reader ends after its stop index; with a rate it reads no more records than are due
 * since its first {@code read}. Bad records (an excerpt that does not parse, whole; a refused schema or a codec
 * failure, one record) follow the source's {@link BadRecords} policy, named {@code index N} (an excerpt of one
 * record) or {@code index N:k} (record {@code k} of a batch; {@code from=index:N:k} starts there).
 *
 * <p>The queue and tailer are opened in {@link #open()} on the worker thread and used only there (Chronicle
 * tailers are confined to one thread).
 *
 * @param <T> the record type
 */
final class ChronicleSourceReader<T> implements SourceReader<T> {

    private final ChronicleSourceOptions options;
    private final Codec<T> codec;
    private final BadRecords badRecords;
    private final ReaderSchema reader;
    private final String jobName;
    /** Parses the excerpt in {@link #buffer} and steps through its records. */
    private final ExcerptLayout.Reader excerpt = new ExcerptLayout.Reader();
    /** The position as of the last snapshot or open; {@link #lastRead} and the excerpt in hand are newer. */
    private ChronicleSplit split;
    /** The last excerpt read whole, while {@link #advanced}. */
    private long lastRead;
    private boolean advanced;
    /** The excerpt in hand: its index, its records emitted (or handled as bad) and still to come. */
    private long index;
    private int taken;
    private int remaining;
    /** Why the excerpt's schema stamp is refused (each of its records is bad), or {@code null}. */
    private String refusal;
    /** Records of the first excerpt read that a restored position says were read already. */
    private int skipInFirst;
    private SingleChronicleQueue queue;
    private ExcerptTailer tailer;
    private SourceOutput<T> out;
    private SourceOutput<T> boundTo;
    private byte[] buffer = new byte[4096];
    private byte[] acceptedStamp;
    private long maxWriteTime = Long.MIN_VALUE;
    private boolean ended;
    /** With a rate: when pacing started, and the records read since. */
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
            } else {
                skipInFirst = split.offset();
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
        while (consumed < limit && !ended) {
            if (remaining == 0) {
                int next = nextExcerpt();
                if (next < 0) {
                    break;
                }
                consumed += next;
                continue;
            }
            excerpt.nextRecord();
            remaining--;
            consumed++;
            if (emit(taken++)) {
                emitted++;
            }
            if (remaining == 0) {
                readWhole(index);
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

    /**
     * Takes the next excerpt into {@link #buffer}: -1 when there is none (yet, or past the stop index), 0 when its
     * records are ready to emit, 1 when it was bad as a whole and was handled as one bad record.
     */
    private int nextExcerpt() throws Exception {
        long at;
        int length;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -1;
            }
            at = dc.index();
            if (split.stopIndex() != ChronicleSplit.UNBOUNDED && at > split.stopIndex()) {
                dc.rollbackOnClose();
                ended = true;
                return -1;
            }
            Bytes<?> bytes = dc.wire().bytes();
            length = (int) bytes.readRemaining();
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            bytes.read(buffer, 0, length); // the whole excerpt in one read; it is parsed from the array
        }
        int skip = skipInFirst;
        skipInFirst = 0;
        if (!excerpt.parse(buffer, 0, length)) {
            badRecords.handle("index " + at, buffer, 0, length, null, excerpt.schemaText(), excerpt.problem, null);
            readWhole(at);
            return 1;
        }
        index = at;
        taken = 0;
        remaining = excerpt.count;
        refusal = schemaRefusal();
        if (skip > 0) {
            if (at != split.index() || skip > excerpt.count) {
                throw new BadInputException(options.name() + ": the position to continue from is record " + skip
                        + " of the excerpt at index " + split.index() + ", but the excerpt at index " + at + " holds "
                        + excerpt.count + " record(s) (was the queue replaced?)");
            }
            for (int i = 0; i < skip; i++) {
                excerpt.nextRecord();
            }
            taken = skip;
            remaining -= skip;
            if (remaining == 0) {
                readWhole(at);
            }
        }
        return 0;
    }

    /** The excerpt {@code at} is read whole: the position is after it, and a bounded reader may be done. */
    private void readWhole(long at) {
        lastRead = at; // the split itself is made at a snapshot: no allocation per excerpt
        advanced = true;
        if (at == split.stopIndex()) {
            ended = true;
        }
    }

    /** Why the schema stamp of the excerpt in hand is refused, or {@code null} when it is accepted. */
    private String schemaRefusal() {
        if (reader == null || !excerpt.hasSchema() || excerpt.schemaIs(acceptedStamp)) {
            return null;
        }
        SchemaId stamp = SchemaId.fromBytes(excerpt.schema());
        if (stamp == null) {
            return "malformed schema stamp";
        }
        if (!reader.accepts(stamp)) {
            return reader.refusal(stamp);
        }
        acceptedStamp = excerpt.schema();
        return null;
    }

    /** How many records the rate allows now, at most {@code maxRecords}; the schedule starts at the first call. */
    private int due(int maxRecords) {
        long now = System.nanoTime();
        if (paceStartNanos == Long.MIN_VALUE) {
            paceStartNanos = now;
        }
        long allowed = (long) ((now - paceStartNanos) / 1e9 * options.rate()) + 1 - paced;
        return (int) Math.max(0, Math.min(maxRecords, allowed));
    }

    /** Decodes and emits record {@code k} of the excerpt in hand; {@code false} when it was bad and handled. */
    private boolean emit(int k) throws Exception {
        int at = excerpt.recordOffset;
        int length = excerpt.recordLength;
        if (refusal != null) {
            badRecords.handle(position(k), buffer, at, length, null, excerpt.schemaText(), refusal, null);
            return false;
        }
        T value;
        try {
            value = codec.decode(buffer, at, length);
        } catch (IOException | RuntimeException e) {
            badRecords.handle(position(k), buffer, at, length, null, excerpt.schemaText(), BadRecords.reason(e), e);
            return false;
        }
        long writeTime = excerpt.writeTime;
        if (writeTime > maxWriteTime) {
            maxWriteTime = writeTime;
        }
        out.emit(value, writeTime);
        return true;
    }

    /** Record {@code k} of the excerpt in hand as errors and dead letters name it. */
    private String position(int k) {
        return excerpt.isBatch() ? "index " + index + ":" + k : "index " + index;
    }

    @Override
    public List<SourceSplit> snapshotSplits(long checkpointId) {
        if (remaining > 0) {
            split = split.inExcerpt(index, taken);
            advanced = false;
        } else if (advanced) {
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
