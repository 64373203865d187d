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

    @Override
    public String splitId() {
        return topic + "-" + partition;
    }

    KafkaSplit at(long offset) {
        return new KafkaSplit(topic, partition, offset, stopOffset);
    }
}
