package io.sluice.runtime.exec;

import org.jctools.queues.SpscArrayQueue;

/** Factory of outbound edges for code outside this package (the test kit, benchmarks). */
public final class OutboundEdges {

    private OutboundEdges() {
    }

    /** A single forward edge into {@code queue}. */
    public static OutboundEdge[] forward(SpscArrayQueue<Object> queue) {
        return new OutboundEdge[] {new OutboundEdge.Forward(queue)};
    }
}
