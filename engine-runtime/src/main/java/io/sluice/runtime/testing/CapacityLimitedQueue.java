package io.sluice.runtime.testing;

import org.jctools.queues.SpscArrayQueue;

/** An SPSC queue that refuses offers beyond {@code limit} items, for outboxes smaller than JCTools' minimum. */
final class CapacityLimitedQueue extends SpscArrayQueue<Object> {

    private final int limit;

    CapacityLimitedQueue(int limit) {
        super(Math.max(limit, 4));
        this.limit = limit;
    }

    @Override
    public boolean offer(Object item) {
        return size() < limit && super.offer(item);
    }
}
