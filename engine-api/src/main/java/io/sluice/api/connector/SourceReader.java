package io.sluice.api.connector;

import java.util.List;

/**
 * Reads the splits of one parallel instance of a {@link Source}.
 *
 * <p><b>How it is called.</b> All methods are called from the single worker thread that owns the reader:
 * {@link #open()} once, then {@link #read} repeatedly while the downstream has room, interleaved with
 * {@link #snapshotSplits}, {@link #pause}/{@link #resume} and {@link #checkpointComplete}; finally
 * {@link #close()}, also after a failure or a cancellation. Because the worker thread also runs other
 * tasklets, {@code read} must not block: return {@link ReadStatus#NOTHING_AVAILABLE} when nothing is ready.
 *
 * <p><b>Backpressure.</b> The runtime calls {@code read} only when there is room downstream, and never asks
 * for more than {@code maxRecords}. When the downstream stays full it calls {@link #pause()} so a reader that
 * must keep a connection alive (a Kafka consumer) can stop fetching without buffering; {@link #resume()}
 * follows when the pressure is gone.
 */
public interface SourceReader<T> extends AutoCloseable {

    /** Opens files or connections. A problem the user can fix should be a {@link io.sluice.api.BadInputException}. */
    void open() throws Exception;

    /**
     * Emits at most {@code maxRecords} records (and any watermarks) to {@code out}.
     *
     * @return whether more is available, nothing is available now, or the input has ended
     */
    ReadStatus read(SourceOutput<T> out, int maxRecords) throws Exception;

    /**
     * The reader's splits with the position after the last record emitted, for checkpoint
     * {@code checkpointId}. Called between two {@code read} calls.
     */
    List<SourceSplit> snapshotSplits(long checkpointId);

    /** Checkpoint {@code checkpointId} is durable; the reader may now commit positions externally. */
    default void checkpointComplete(long checkpointId) {
    }

    /** The downstream is full: stop fetching until {@link #resume()}. */
    default void pause() {
    }

    /** Fetching may continue. */
    default void resume() {
    }

    @Override
    void close() throws Exception;
}
