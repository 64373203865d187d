package io.sluice.runtime.exec;

/**
 * No record with an event time at or below {@link #timestamp()} follows on this channel. From the local stage of
 * a two-stage session window it also says from which event time on the producer still holds partial sessions
 * ({@link #heldFrom()}, see {@link io.sluice.runtime.op.Operator#processWatermark(long, long)}).
 */
public final class Watermark extends ControlItem {

    private final long timestamp;
    private final long heldFrom;

    public Watermark(long timestamp) {
        this(timestamp, Long.MAX_VALUE);
    }

    public Watermark(long timestamp, long heldFrom) {
        this.timestamp = timestamp;
        this.heldFrom = heldFrom;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The first event time of the partial sessions the producer still holds; {@code Long.MAX_VALUE}: none. */
    public long heldFrom() {
        return heldFrom;
    }

    @Override
    public String toString() {
        return heldFrom == Long.MAX_VALUE ? "Watermark(" + timestamp + ")"
                : "Watermark(" + timestamp + ", held from " + heldFrom + ")";
    }
}
