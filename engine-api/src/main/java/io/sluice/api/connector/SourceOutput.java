package io.sluice.api.connector;

/**
 * Where a {@link SourceReader} puts what it reads. Valid only during the {@link SourceReader#read} call that
 * received it, and only on that thread.
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
}
