package io.sluice.connectors.gen;

/**
 * What a generator makes: event {@code i} as a pure function of the index (and the seed it was built with).
 * Implementations are immutable and shared by all readers of a source.
 *
 * @param <E> the event type
 */
interface EventModel<E> {

    /** The class of the events, used to decide whether records need re-encoding for the requested codec. */
    Class<E> type();

    /** Event number {@code index} (0-based, global across instances). */
    E event(long index);

    /** The event time of an event, epoch milliseconds. */
    long timestamp(E event);

    /** Events are out of order by strictly less than this, so {@code max seen - bound} is a valid watermark. */
    long outOfOrderBoundMillis();

    /**
     * Number of interleaved partitions (partition {@code j}: the indexes {@code j} modulo this); an event refers only
     * to events of its own partition, and splits never cut across one. 1: the stream is one partition.
     */
    default int partitions() {
        return 1;
    }
}
