package io.sluice.runtime.exec;

/**
 * A sample of end-to-end latency travelling in-band (as Flink's latency markers do): a source instance
 * sends one now and then, stamped with when it started reading the batch it follows. Queued behind the
 * records of that batch, it reaches a chain that ends in a sink only after they were written there, where
 * {@code now - readNanos} is recorded ({@link LatencyTracker}). It measures reading, queueing and processing
 * time on the way; records a window holds back until it fires are not what it follows.
 */
final class LatencyMarker extends ControlItem {

    final long readNanos;

    LatencyMarker(long readNanos) {
        this.readNanos = readNanos;
    }

    @Override
    public String toString() {
        return "LatencyMarker(" + readNanos + ")";
    }
}
