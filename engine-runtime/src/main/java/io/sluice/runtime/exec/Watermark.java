package io.sluice.runtime.exec;

/** No record with an event time at or below {@link #timestamp()} follows on this channel. */
public final class Watermark extends ControlItem {

    private final long timestamp;

    public Watermark(long timestamp) {
        this.timestamp = timestamp;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "Watermark(" + timestamp + ")";
    }
}
