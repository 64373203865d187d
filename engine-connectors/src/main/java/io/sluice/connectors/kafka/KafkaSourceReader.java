package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.schema.ReaderSchema;
import io.sluice.connectors.schema.SchemaId;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions of one {@code kafka:} source instance with one consumer ({@code assign}, no group
 * membership, no auto-commit).
 *
 * <p><b>Reading.</b> {@link #read} never blocks: it emits what the last {@code poll} returned (at most
 * {@code max.poll.records}, so the reader's own buffer is bounded) and polls with a zero timeout when that is used
 * up, returning {@link ReadStatus#NOTHING_AVAILABLE} when nothing came. Each partition's records go through
 * their own {@link SourceOutput#forSplit split output} with the Kafka timestamp as event time, and after each
 * call every partition that emitted gets a watermark of its highest timestamp (minus {@code watermarkDelay},
 * minus 1 ms since equal timestamps may follow), so the instance's watermark is the minimum over its partitions.
 * A partition that has records to read when the reader opens takes part in that minimum from the start (it
 * holds the watermark back until its records come); an empty one only from its first record, so that a partition
 * nobody writes to does not stop event time.
 *
 * <p><b>Records.</b> When the codec's type is {@link KafkaRecord} the record is emitted as it is; otherwise the
 * value is decoded. A record whose schema stamp the job's {@link ReaderSchema} refuses, a tombstone, or a value
 * the codec rejects goes to the source's {@link BadRecords} policy, named {@code topic-partition@offset}.
 *
 * <p><b>Backpressure.</b> {@link #pause()} pauses every assigned partition in the consumer and
 * {@link #resume()} resumes those not finished; a {@code read} while paused only drains what was already
 * polled. With static assignment the consumer has no group session to keep alive, so not polling is safe.
 *
 * <p><b>Bounded</b> ({@code until=latest}): a partition is finished at its stop offset (or when the consumer's
 * position passes it, as transaction markers take offsets); then it is paused and marked idle. The reader ends
 * when all are finished. <b>Unbounded</b>: every {@code discovery} interval it looks for partitions added to the
 * topic and takes those with {@code partition mod parallelism == instance}, from their beginning.
 *
 * <p><b>Positions.</b> {@link #snapshotSplits} returns each partition's next offset; {@link #checkpointComplete}
 * commits the offsets of that snapshot to the consumer group (when there is one), so lag shows in the usual
 * Kafka tools. Nothing is committed otherwise (no auto-commit); a failed commit is logged, not fatal: the positions
 * that matter are those in the checkpoints, the group's offsets only show progress.
 *
 * <p>Called from one worker thread only (see {@link SourceReader}).
 *
 * @param <T> the record type
 */
final class KafkaSourceReader<T> implements SourceReader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);

    /** One assigned partition. */
    private final class Partition {
        final TopicPartition tp;
        final String splitId;
        /** {@code topic-partition}, how bad records name their position. */
        final String name;
        final long stop;
        long next;
        long maxTimestamp = Long.MIN_VALUE;
        /** Had records to read when the reader opened: holds the watermark back until they come. */
        boolean backlog;
        boolean touched;
        boolean done;
        SourceOutput<T> out;

        Partition(TopicPartition tp, long next, long stop) {
            this.tp = tp;
            this.splitId = KafkaSplit.idOf(tp.topic(), tp.partition());
            this.name = tp.topic() + "-" + tp.partition();
            this.next = next;
            this.stop = stop;
        }
    }

    private final KafkaSource<T> source;
    private final KafkaSourceOptions options;
    private final Codec<T> codec;
    private final boolean raw;
    private final ReaderSchema reader;
    private final BadRecords badRecords;
    private final SourceContext context;
    private final long watermarkDelay;
    private final long discoveryNanos;
    private final List<Partition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Partition> byTp = new HashMap<>();
    /** Offsets of the snapshots taken, by checkpoint id, until committed. */
    private final TreeMap<Long, Map<TopicPartition, OffsetAndMetadata>> pendingCommits = new TreeMap<>();

    private KafkaConsumer<byte[], byte[]> consumer;
    private SourceOutput<T> boundOutput;
    private ConsumerRecords<byte[], byte[]> polled;
    private Iterator<TopicPartition> polledPartitions;
    private List<ConsumerRecord<byte[], byte[]>> batch = List.of();
    private int batchIndex;
    private Partition batchPartition;
    private int finished;
    private boolean paused;
    private long nextDiscovery;
    /** The last schema stamp found acceptable, compared by bytes so most records skip parsing it. */
    private byte[] acceptedStamp;

    KafkaSourceReader(KafkaSource<T> source, KafkaSourceOptions options, Codec<T> codec, BadRecords badRecords,
                      List<KafkaSplit> splits, SourceContext context) {
        this.source = source;
        this.options = options;
        this.codec = codec;
        this.raw = codec.type() == KafkaRecord.class;
        this.reader = options.reader();
        this.badRecords = badRecords;
        this.context = context;
        this.watermarkDelay = options.watermarkDelay().toMillis();
        this.discoveryNanos = options.discovery().toNanos();
        for (KafkaSplit s : splits) {
            add(new Partition(new TopicPartition(s.topic(), s.partition()), s.nextOffset(), s.stopOffset()));
        }
    }

    private void add(Partition p) {
        partitions.add(p);
        byTp.put(p.tp, p);
    }

    @Override
    public void open() throws Exception {
        badRecords.open(context.jobName());
        consumer = KafkaClients.consumer(options.endpoint(), options.group(),
                "sluice-" + context.jobName() + "-" + options.endpoint().topic() + "-" + context.instanceIndex(),
                options.discovery());
        List<TopicPartition> assigned = partitions.stream().map(p -> p.tp).toList();
        consumer.assign(assigned);
        Map<TopicPartition, Long> ends = options.bounded() || assigned.isEmpty() ? Map.of()
                : consumer.endOffsets(assigned, KafkaClients.API_TIMEOUT);
        for (Partition p : partitions) {
            consumer.seek(p.tp, p.next);
            if (p.stop != KafkaSplit.UNBOUNDED && p.next >= p.stop) {
                finish(p);
            }
            p.backlog = p.next < (options.bounded() ? p.stop : ends.getOrDefault(p.tp, 0L));
        }
        nextDiscovery = System.nanoTime() + discoveryNanos;
    }

    @Override
    public ReadStatus read(SourceOutput<T> out, int maxRecords) throws Exception {
        if (boundOutput != out) {
            bind(out);
        }
        if (partitions.isEmpty()) { // more instances than partitions: wait for new ones, if unbounded
            if (options.bounded()) {
                return ReadStatus.END_OF_INPUT;
            }
            if (discoveryNanos > 0 && System.nanoTime() - nextDiscovery >= 0) {
                discover();
            }
            if (partitions.isEmpty()) {
                return ReadStatus.NOTHING_AVAILABLE;
            }
        }
        int emitted = 0;
        boolean polledNow = false;
        while (emitted < maxRecords) {
            if (batchIndex < batch.size()) {
                ConsumerRecord<byte[], byte[]> r = batch.get(batchIndex++);
                Partition p = batchPartition;
                if (p.done || r.offset() < p.next) {
                    continue;
                }
                if (p.stop != KafkaSplit.UNBOUNDED && r.offset() >= p.stop) {
                    finish(p);
                    continue;
                }
                p.next = r.offset() + 1;
                if (emit(p, r)) {
                    emitted++;
                }
                if (p.stop != KafkaSplit.UNBOUNDED && p.next >= p.stop) {
                    finish(p);
                }
            } else if (polledPartitions != null && polledPartitions.hasNext()) {
                TopicPartition tp = polledPartitions.next();
                batchPartition = byTp.get(tp);
                batch = batchPartition == null ? List.of() : polled.records(tp);
                batchIndex = 0;
            } else if (polledNow || finished == partitions.size() && !partitions.isEmpty()) {
                break;
            } else {
                polledNow = true;
                if (discoveryNanos > 0 && !options.bounded() && System.nanoTime() - nextDiscovery >= 0) {
                    discover();
                }
                polled = consumer.poll(Duration.ZERO);
                polledPartitions = polled.partitions().iterator();
                if (polled.isEmpty()) {
                    break;
                }
            }
        }
        emitWatermarks();
        boolean buffered = batchIndex < batch.size() || polledPartitions != null && polledPartitions.hasNext();
        if (options.bounded()) {
            if (!buffered && !paused) {
                finishPassedPartitions();
            }
            if (finished == partitions.size()) {
                return ReadStatus.END_OF_INPUT;
            }
        }
        return emitted > 0 || buffered ? ReadStatus.MORE_AVAILABLE : ReadStatus.NOTHING_AVAILABLE;
    }

    private void bind(SourceOutput<T> out) {
        boundOutput = out;
        for (Partition p : partitions) {
            p.out = out.forSplit(p.splitId);
            if (p.done) {
                p.out.markIdle();
            } else if (p.backlog) {
                // in use from the start: a partition whose first poll comes later must not find the watermark
                // already moved on by the others (its records would all be late)
                p.out.emitWatermark(Long.MIN_VALUE);
            }
        }
    }

    /** Emits one record; {@code false} when it was bad and handled by the policy instead. */
    @SuppressWarnings("unchecked")
    private boolean emit(Partition p, ConsumerRecord<byte[], byte[]> r) throws Exception {
        if (reader != null) {
            Header h = r.headers().lastHeader(SchemaId.KAFKA_HEADER);
            if (h != null && !Arrays.equals(h.value(), acceptedStamp)) {
                SchemaId stamp = SchemaId.fromBytes(h.value());
                if (stamp == null || !reader.accepts(stamp)) {
                    bad(p, r, stamp == null ? "malformed " + SchemaId.KAFKA_HEADER + " header" : reader.refusal(stamp), null);
                    return false;
                }
                acceptedStamp = h.value();
            }
        }
        T value;
        if (raw) {
            value = (T) toKafkaRecord(r);
        } else if (r.value() == null) {
            bad(p, r, "null value (tombstone)", null);
            return false;
        } else {
            try {
                value = codec.decode(r.value(), 0, r.value().length);
            } catch (IOException | RuntimeException e) {
                bad(p, r, BadRecords.reason(e), e);
                return false;
            }
        }
        long ts = r.timestamp();
        if (ts >= 0) {
            if (ts > p.maxTimestamp) {
                p.maxTimestamp = ts;
            }
            p.touched = true;
            p.out.emit(value, ts);
        } else {
            p.out.emit(value);
        }
        return true;
    }

    private void bad(Partition p, ConsumerRecord<byte[], byte[]> r, String error, Throwable cause) throws Exception {
        Header h = r.headers().lastHeader(SchemaId.KAFKA_HEADER);
        String stamp = h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
        byte[] v = r.value();
        badRecords.handle(p.name + "@" + r.offset(), v, 0, v == null ? 0 : v.length, r.key(), stamp, error, cause);
    }

    private static KafkaRecord toKafkaRecord(ConsumerRecord<byte[], byte[]> r) {
        List<KafkaRecord.Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new KafkaRecord.Header(h.key(), h.value()));
        }
        return new KafkaRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
    }

    private void emitWatermarks() {
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            if (p.touched) {
                p.touched = false;
                p.out.emitWatermark(p.maxTimestamp - watermarkDelay - 1);
            }
        }
    }

    private void finish(Partition p) {
        if (!p.done) {
            p.done = true;
            finished++;
            consumer.pause(List.of(p.tp));
            if (p.out != null) {
                p.out.markIdle();
            }
        }
    }

    /** Finishes partitions the consumer has moved past their stop offset without a record to show for it. */
    private void finishPassedPartitions() {
        for (Partition p : partitions) {
            if (!p.done && consumer.position(p.tp) >= p.stop) {
                p.next = Math.max(p.next, p.stop);
                finish(p);
            }
        }
    }

    /** Takes partitions added to the topic since the start (those this instance owns). */
    private void discover() {
        nextDiscovery = System.nanoTime() + discoveryNanos;
        List<PartitionInfo> infos;
        try {
            // cached metadata answers at once; with no partition assigned yet there is none, so allow a short fetch
            infos = consumer.partitionsFor(options.endpoint().topic(), Duration.ofMillis(partitions.isEmpty() ? 100 : 1));
        } catch (TimeoutException e) {
            return; // metadata not cached right now; next time
        }
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition tp = new TopicPartition(info.topic(), info.partition());
            if (!byTp.containsKey(tp) && info.partition() % context.parallelism() == context.instanceIndex()) {
                Partition p = new Partition(tp, 0, KafkaSplit.UNBOUNDED);
                p.out = boundOutput.forSplit(p.splitId);
                add(p);
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(partitions.stream().map(p -> p.tp).toList());
            consumer.seekToBeginning(added);
            if (paused) {
                consumer.pause(added);
            }
        }
    }

    /** Partitions this reader reads now (tests). */
    int partitionCount() {
        return partitions.size();
    }

    @Override
    public List<SourceSplit> snapshotSplits(long checkpointId) {
        List<SourceSplit> splits = new ArrayList<>(partitions.size());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Partition p : partitions) {
            splits.add(new KafkaSplit(p.tp.topic(), p.tp.partition(), p.next, p.stop));
            offsets.put(p.tp, new OffsetAndMetadata(p.next));
        }
        if (options.group() != null) {
            pendingCommits.put(checkpointId, offsets);
        }
        return splits;
    }

    /** Commits the offsets of checkpoint {@code checkpointId} to the consumer group, asynchronously. */
    @Override
    public void checkpointComplete(long checkpointId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = pendingCommits.get(checkpointId);
        pendingCommits.headMap(checkpointId, true).clear();
        if (offsets != null && consumer != null) {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    LOG.warn("{}: could not commit the offsets of checkpoint {} to group {}: {}", options.name(),
                            checkpointId, options.group(), e.getMessage());
                }
            });
        }
    }

    @Override
    public void pause() {
        paused = true;
        source.pauses.incrementAndGet();
        consumer.pause(consumer.assignment());
    }

    @Override
    public void resume() {
        paused = false;
        List<TopicPartition> active = new ArrayList<>();
        for (Partition p : partitions) {
            if (!p.done) {
                active.add(p.tp);
            }
        }
        consumer.resume(active);
    }

    @Override
    public void close() throws Exception {
        try {
            if (consumer != null) {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        } finally {
            badRecords.close();
        }
    }
}
