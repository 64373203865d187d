package io.sluice.runtime.exec;

/**
 * A record with its event-time timestamp, as it crosses a queue. Inside a fused chain the timestamp is an
 * argument and needs no object; this wrapper is allocated only per queue hop, and only for records that
 * have a timestamp.
 */
public final class TimestampedItem extends Envelope {

    final Object item;
    final long timestamp;

    public TimestampedItem(Object item, long timestamp) {
        this.item = item;
        this.timestamp = timestamp;
    }

    public Object item() {
        return item;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return item + "@" + timestamp;
    }
}
