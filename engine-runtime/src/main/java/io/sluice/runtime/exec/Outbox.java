package io.sluice.runtime.exec;

import io.sluice.runtime.op.Operator;

/**
 * The terminal of a chain whose output goes to other tasklets: routes every record into each outbound
 * edge, broadcasts watermarks and end of stream. The tasklet asks {@link #hasPending()} before feeding the
 * chain more input: that is how a full queue backpressures its producer, all the way to the source.
 */
public final class Outbox extends Operator {

    /** Every edge, main and side: control items (watermarks, barriers, end of stream) go to all of them. */
    private final OutboundEdge[] edges;
    /** The edges of the main output, which {@link #process} feeds. */
    private final OutboundEdge[] main;
    private final OutboundEdge single;
    /** The edges of the side output port, fed by {@link #sidePort()}; empty when there is none. */
    private final OutboundEdge[] side;
    private long lastWatermark = Long.MIN_VALUE;
    /** The hold sent with the last watermark ({@link Operator#processWatermark(long, long)}). */
    private long lastHeldFrom = Long.MAX_VALUE;
    /** Items waiting in the edges' overflows, kept by the edges: checked once per record by the tasklet. */
    int pending;

    public Outbox(OutboundEdge[] edges) {
        this(edges, new OutboundEdge[0]);
    }

    /**
     * An outbox with a second output port (a window's late events): records reach {@code sideEdges} only
     * through {@link #sidePort()}; watermarks, barriers and end of stream go to every edge, and a full queue
     * on either port backpressures the tasklet.
     */
    public Outbox(OutboundEdge[] mainEdges, OutboundEdge[] sideEdges) {
        this.main = mainEdges;
        this.side = sideEdges;
        this.edges = new OutboundEdge[mainEdges.length + sideEdges.length];
        System.arraycopy(mainEdges, 0, edges, 0, mainEdges.length);
        System.arraycopy(sideEdges, 0, edges, mainEdges.length, sideEdges.length);
        this.single = mainEdges.length == 1 ? mainEdges[0] : null;
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
        if (single != null) {
            single.route(item, timestamp); // a partitioned edge wraps the record with its key
            return;
        }
        Object payload = timestamp == NO_TIMESTAMP ? item : new TimestampedItem(item, timestamp);
        for (OutboundEdge e : main) {
            e.route(item, payload);
        }
    }

    /** Whether this outbox has side output edges. */
    public boolean hasSideOutput() {
        return side.length > 0;
    }

    /**
     * The side output port: an operator whose {@code process} routes records to the side edges only. Its other
     * methods do nothing, since this outbox passes control items to every edge itself.
     */
    public Operator sidePort() {
        return new Operator() {
            @Override
            public void process(Object item, long timestamp) {
                emitted++;
                Object payload = timestamp == NO_TIMESTAMP ? item : new TimestampedItem(item, timestamp);
                for (OutboundEdge e : side) {
                    e.route(item, payload);
                }
            }

            @Override
            public void processWatermark(long watermark) {
            }

            @Override
            public void finish() {
            }
        };
    }

    @Override
    public void processWatermark(long watermark) {
        processWatermark(watermark, Long.MAX_VALUE);
    }

    /** Broadcasts the watermark when it advanced, or the hold when it changed (with the current watermark). */
    @Override
    public void processWatermark(long watermark, long heldFrom) {
        if (watermark <= lastWatermark && heldFrom == lastHeldFrom) {
            return;
        }
        lastWatermark = Math.max(watermark, lastWatermark);
        lastHeldFrom = heldFrom;
        Watermark wm = new Watermark(lastWatermark, heldFrom);
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

    /** Passes a latency marker on to one consumer of every edge (taking turns), behind the records before it. */
    void emitLatencyMarker(LatencyMarker marker) {
        for (OutboundEdge e : edges) {
            e.offerToOne(marker);
        }
    }

    @Override
    public void processIdle() {
        markIdle();
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
