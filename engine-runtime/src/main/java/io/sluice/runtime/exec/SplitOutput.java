package io.sluice.runtime.exec;

import io.sluice.api.connector.SourceOutput;

/**
 * The output of one split of a source reader: forwards records to the source tasklet and keeps the split's
 * event-time progress (highest timestamp, source watermark, last activity) for per-split watermarks.
 * Owned by the source's worker thread.
 */
final class SplitOutput implements SourceOutput<Object> {

    private final SourceTasklet owner;
    final String splitId;
    long maxTimestamp = Long.MIN_VALUE;
    long sourceWatermark = Long.MIN_VALUE;
    long lastActivityNanos;
    /** Emitted something since the last watermark update. */
    boolean touched;
    /** Has ever been used: an output nobody writes to does not hold the watermark back. */
    boolean used;
    boolean idle;

    SplitOutput(SourceTasklet owner, String splitId) {
        this.owner = owner;
        this.splitId = splitId;
    }

    @Override
    public void emit(Object record) {
        owner.emitRecord(this, record, io.sluice.runtime.op.Operator.NO_TIMESTAMP);
    }

    @Override
    public void emit(Object record, long timestamp) {
        owner.emitRecord(this, record, timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
        used = true;
        touched = true;
        if (watermark > sourceWatermark) {
            sourceWatermark = watermark;
        }
    }

    @Override
    public void markIdle() {
        used = true;
        idle = true;
        touched = false;
    }

    @Override
    public SourceOutput<Object> forSplit(String splitId) {
        return owner.forSplit(splitId);
    }
}
