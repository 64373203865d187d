package io.sluice.connectors.kafka;

import io.sluice.api.connector.SourceSplit;

/**
 * One partition of a {@code kafka:} source and the reader's position in it. Immutable.
 *
 * @param topic      the topic
 * @param partition  the partition
 * @param nextOffset the offset of the next record to read
 * @param stopOffset where a bounded source ({@code until=latest}) stops: the partition's end offset when the job
 *                   started; {@link #UNBOUNDED} for none
 */
record KafkaSplit(String topic, int partition, long nextOffset, long stopOffset) implements SourceSplit {

    static final long UNBOUNDED = -1;

    KafkaSplit {
        if (partition < 0 || nextOffset < 0 || stopOffset < UNBOUNDED) {
            throw new IllegalArgumentException("invalid kafka split " + topic + "-" + partition + " at " + nextOffset
                    + " until " + stopOffset);
        }
    }

    /**
     * {@code <topic>-<partition>}, the partition zero-padded to six digits so that split ids sort in partition
     * order: a restore hands the checkpoint's splits, sorted by id, to instance {@code position mod parallelism},
     * which must be {@code partition mod parallelism}, the rule by which readers take partitions added while
     * running (otherwise a partition restored to one instance would be taken again, from its start, by another).
     */
    @Override
    public String splitId() {
        return idOf(topic, partition);
    }

    static String idOf(String topic, int partition) {
        String p = Integer.toString(partition);
        return topic + "-" + "000000".substring(Math.min(6, p.length())) + p;
    }

    KafkaSplit at(long offset) {
        return new KafkaSplit(topic, partition, offset, stopOffset);
    }
}
