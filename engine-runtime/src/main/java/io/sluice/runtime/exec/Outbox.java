package io.sluice.runtime.exec;

import io.sluice.runtime.op.Operator;

/**
 * The terminal of a chain whose output goes to other tasklets: routes every record into each outbound
 * edge, broadcasts watermarks and end of stream. The tasklet asks {@link #hasPending()} before feeding the
 * chain more input: that is how a full queue backpressures its producer, all the way to the source.
 */
public final class Outbox extends Operator {

    private final OutboundEdge[] edges;
    private final OutboundEdge single;
    private long lastWatermark = Long.MIN_VALUE;
    /** Items waiting in the edges' overflows, kept by the edges: checked once per record by the tasklet. */
    int pending;

    public Outbox(OutboundEdge[] edges) {
        this.edges = edges;
        this.single = edges.length == 1 ? edges[0] : null;
        for (OutboundEdge e : edges) {
            if (e.owner != null) {
                throw new IllegalArgumentException("an outbound edge belongs to one outbox");
            }
            e.owner = this;
        }
    }

    @Override
    public void process(Object item, long timestamp) {
        emitted++;
        Object payload = timestamp == NO_TIMESTAMP ? item : new TimestampedItem(item, timestamp);
        if (single != null) {
            single.route(item, payload);
            return;
        }
        for (OutboundEdge e : edges) {
            e.route(item, payload);
        }
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= lastWatermark) {
            return;
        }
        lastWatermark = watermark;
        Watermark wm = new Watermark(watermark);
        for (OutboundEdge e : edges) {
            e.broadcast(wm);
        }
    }

    @Override
    public void flush() {
        // queues are written eagerly; nothing is buffered here beyond the overflow
    }

    @Override
    public void finish() {
        for (OutboundEdge e : edges) {
            e.broadcast(ControlItem.END_OF_STREAM);
        }
    }

    /** True while some item waits for room in a full queue. */
    public boolean hasPending() {
        return pending != 0;
    }

    /** Sends a checkpoint barrier to every consumer, behind every record emitted before it. */
    public void emitBarrier(CheckpointBarrier barrier) {
        for (OutboundEdge e : edges) {
            e.broadcast(barrier);
        }
    }

    /** Tells every consumer that this producer is idle (its watermark should not hold them back). */
    public void markIdle() {
        for (OutboundEdge e : edges) {
            e.broadcast(ControlItem.IDLE);
        }
    }

    /** Moves waiting items on; returns how many moved. */
    public int flushPending() {
        int moved = 0;
        for (OutboundEdge e : edges) {
            moved += e.flush();
        }
        return moved;
    }

    /** Mean fill ratio of the outbound queues: near 1 means the consumers are the bottleneck. */
    public double fillRatio() {
        double sum = 0;
        for (OutboundEdge e : edges) {
            sum += e.fillRatio();
        }
        return edges.length == 0 ? 0 : sum / edges.length;
    }
}
