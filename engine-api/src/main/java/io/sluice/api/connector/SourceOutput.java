package io.sluice.api.connector;

/**
 * Where a {@link SourceReader} puts what it reads. Use it only from the reader's thread, during
 * {@link SourceReader#read}.
 */
public interface SourceOutput<T> {

    /** Emits a record with no event-time timestamp of its own. */
    void emit(T record);

    /** Emits a record with its event time (epoch milliseconds). */
    void emit(T record, long timestamp);

    /**
     * Declares that no record with a timestamp at or below {@code watermark} will follow from this reader.
     * Watermarks must not go backwards; a lower one is ignored.
     */
    void emitWatermark(long watermark);

    /** Declares this reader idle: downstream stops waiting for its watermark until it emits again. */
    void markIdle();

    /**
     * The output for the records of one split. Watermarks are tracked per split (the source instance's
     * watermark is the minimum over its splits), so a reader of several splits (Kafka partitions) should emit
     * each split's records through its own output; a reader of one split may use this output directly. Call
     * it once per split and keep the result: it is valid for the reader's whole life, on the reader's thread.
     */
    default SourceOutput<T> forSplit(String splitId) {
        return this;
    }
}
