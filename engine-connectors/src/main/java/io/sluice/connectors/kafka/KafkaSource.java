package io.sluice.connectors.kafka;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@code kafka:} source: every partition of one topic, one split per partition, spread over the parallel
 * instances (partition {@code p} to instance {@code p mod parallelism}, by static assignment: no consumer-group
 * rebalancing). Bounded with {@code until=latest}. Immutable apart from its counters.
 *
 * <p>{@link #createSplits} runs once when the job starts: it lists the partitions, resolves the start offsets
 * ({@code from}), captures the end offsets ({@code until=latest}) and checks the schema stamps of the first and
 * latest records ({@link KafkaPeek}), so an incompatible producer stops the job before anything is read.
 *
 * @param <T> the record type: {@link KafkaRecord} for the raw records, anything else is decoded from the value
 */
final class KafkaSource<T> implements Source<T>, BadRecordCounter {

    private final KafkaSourceOptions options;
    private final Codec<T> codec;
    private final BadRecords badRecords;
    private final int partitionCount;
    /** How often readers paused under backpressure; for tests and metrics. */
    final AtomicLong pauses = new AtomicLong();

    KafkaSource(KafkaSourceOptions options, Codec<T> codec, BadRecords badRecords, int partitionCount) {
        this.options = options;
        this.codec = codec;
        this.badRecords = badRecords;
        this.partitionCount = partitionCount;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public boolean isBounded() {
        return options.bounded();
    }

    /** One instance per partition that existed when the job was defined (later ones are shared out too). */
    @Override
    public int maxParallelism() {
        return Math.max(1, partitionCount);
    }

    /** Records skipped or dead-lettered so far (and the one that failed the job, if any). */
    @Override
    public long badRecords() {
        return badRecords.count();
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(options.endpoint(), options.group(),
                "sluice-splits-" + options.endpoint().topic(), options.discovery())) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions, begin, end);
            if (options.reader() != null) {
                new KafkaPeek(consumer, options.name(), options.reader()).check(start, begin, end);
            }
            List<SourceSplit> splits = new ArrayList<>(partitions.size());
            for (TopicPartition tp : partitions) {
                splits.add(new KafkaSplit(tp.topic(), tp.partition(), start.get(tp),
                        options.bounded() ? end.get(tp) : KafkaSplit.UNBOUNDED));
            }
            return splits;
        } catch (KafkaException e) {
            throw new BadInputException(options.name() + ": " + BadRecords.reason(e), e);
        }
    }

    /** The topic's partitions in partition order (so split {@code i} is partition {@code i}). */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(options.endpoint().topic(), KafkaClients.API_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new BadInputException(options.name() + ": topic '" + options.endpoint().topic() + "' does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        partitions.sort(Comparator.comparingInt(TopicPartition::partition));
        return partitions;
    }

    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                                   Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        switch (options.start().kind()) {
            case EARLIEST:
                partitions.forEach(tp -> start.put(tp, begin.get(tp)));
                break;
            case LATEST:
                partitions.forEach(tp -> start.put(tp, end.get(tp)));
                break;
            case COMMITTED: {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata c = committed.get(tp);
                    start.put(tp, c == null ? begin.get(tp) : Math.max(begin.get(tp), c.offset()));
                }
                break;
            }
            default: {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, options.start().timestamp()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
                for (TopicPartition tp : partitions) {
                    OffsetAndTimestamp o = found.get(tp);
                    start.put(tp, o == null ? end.get(tp) : o.offset());
                }
            }
        }
        return start;
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) {
        List<KafkaSplit> splits = new ArrayList<>(context.splits().size());
        for (SourceSplit split : context.splits()) {
            if (!(split instanceof KafkaSplit kafkaSplit)) {
                throw new BadInputException(name() + ": cannot read split " + split.splitId() + " (not a kafka split)");
            }
            splits.add(kafkaSplit);
        }
        return new KafkaSourceReader<>(this, options, codec, badRecords, splits, context);
    }

    @Override
    public io.sluice.api.codec.Codec<SourceSplit> splitCodec() {
        return KafkaSplitCodec.INSTANCE;
    }

    @Override
    public String toString() {
        return name();
    }
}
