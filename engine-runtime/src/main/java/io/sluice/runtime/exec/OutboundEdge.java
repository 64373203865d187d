package io.sluice.runtime.exec;

import io.sluice.api.function.KeyFn;
import io.sluice.runtime.op.KeyGroups;
import java.util.ArrayDeque;
import org.jctools.queues.SpscArrayQueue;

/**
 * One producer instance's end of an edge: the SPSC queues to the consumer instances and the rule that picks
 * one per record. When a queue is full the item waits in a small per-queue overflow (it holds at most what
 * one input batch produced, because the tasklet stops taking input while anything waits) and the producer
 * is backpressured until {@link #flush()} moved it on. Owned by one worker thread.
 */
public abstract class OutboundEdge {

    final SpscArrayQueue<Object>[] queues;
    private final ArrayDeque<Object>[] overflow;
    private int pendingCount;
    private int nextSingle;
    /** The outbox this edge belongs to; it keeps the total of waiting items for a one-field check. */
    Outbox owner;

    @SuppressWarnings("unchecked")
    OutboundEdge(SpscArrayQueue<Object>[] queues) {
        this.queues = queues;
        this.overflow = new ArrayDeque[queues.length];
        for (int i = 0; i < queues.length; i++) {
            overflow[i] = new ArrayDeque<>();
        }
    }

    /**
     * Sends {@code payload} (the record, or the record wrapped with its timestamp) to the queue the edge's rule
     * picks for {@code record}.
     */
    abstract void route(Object record, Object payload);

    /**
     * Sends a record with its timestamp ({@link io.sluice.runtime.op.Operator#NO_TIMESTAMP} when it has none),
     * wrapping it as this edge needs. The outbox calls this when the record goes to one edge only.
     */
    void route(Object record, long timestamp) {
        route(record, timestamp == io.sluice.runtime.op.Operator.NO_TIMESTAMP ? record : new TimestampedItem(record, timestamp));
    }

    /** Sends a control item to every consumer. */
    final void broadcast(Object item) {
        for (int i = 0; i < queues.length; i++) {
            offer(i, item);
        }
    }

    /** Sends an item to one consumer, a different one each time. */
    final void offerToOne(Object item) {
        int q = nextSingle;
        nextSingle = q + 1 == queues.length ? 0 : q + 1;
        offer(q, item);
    }

    final void offer(int queue, Object item) {
        // Order matters: once something waits for queue i, later items must queue up behind it.
        if ((pendingCount == 0 || overflow[queue].isEmpty()) && queues[queue].offer(item)) {
            return;
        }
        overflow[queue].addLast(item);
        pendingCount++;
        owner.pending++;
    }

    /** Moves waiting items into their queues while there is room; returns how many moved. */
    final int flush() {
        if (pendingCount == 0) {
            return 0;
        }
        int moved = 0;
        for (int i = 0; i < queues.length; i++) {
            ArrayDeque<Object> waiting = overflow[i];
            Object head;
            while ((head = waiting.peekFirst()) != null && queues[i].offer(head)) {
                waiting.pollFirst();
                moved++;
            }
        }
        pendingCount -= moved;
        owner.pending -= moved;
        return moved;
    }

    /** Sum over this edge's queues of their fill ratio, for the backpressure metric. */
    final double fillRatio() {
        double sum = 0;
        for (SpscArrayQueue<Object> q : queues) {
            sum += (double) q.size() / q.capacity();
        }
        return sum / queues.length;
    }

    /** Instance {@code i} of the producer feeds instance {@code i} of the consumer. */
    static final class Forward extends OutboundEdge {
        Forward(SpscArrayQueue<Object> queue) {
            super(single(queue));
        }

        @Override
        void route(Object record, Object payload) {
            offer(0, payload);
        }

        @SuppressWarnings("unchecked")
        private static SpscArrayQueue<Object>[] single(SpscArrayQueue<Object> q) {
            return new SpscArrayQueue[] {q};
        }
    }

    /** Round-robin over the consumer instances. */
    static final class RoundRobin extends OutboundEdge {
        private int next;

        RoundRobin(SpscArrayQueue<Object>[] queues, int start) {
            super(queues);
            this.next = start % queues.length;
        }

        @Override
        void route(Object record, Object payload) {
            int q = next;
            offer(q, payload);
            next = q + 1 == queues.length ? 0 : q + 1;
        }
    }

    /** By key: key → key group → the consumer instance that owns the group. */
    static final class Partitioned extends OutboundEdge {
        private final KeyFn<Object, Object> keyFn;
        private final int maxKeyGroups;
        private final int[] instanceOfKeyGroup;
        private final String consumerName;

        Partitioned(SpscArrayQueue<Object>[] queues, KeyFn<Object, Object> keyFn, int maxKeyGroups, String consumerName) {
            super(queues);
            this.keyFn = keyFn;
            this.maxKeyGroups = maxKeyGroups;
            this.consumerName = consumerName;
            this.instanceOfKeyGroup = new int[maxKeyGroups];
            for (int kg = 0; kg < maxKeyGroups; kg++) {
                instanceOfKeyGroup[kg] = KeyGroups.instanceOf(kg, queues.length, maxKeyGroups);
            }
        }

        @Override
        void route(Object record, Object payload) {
            Object key = keyOf(record);
            offer(instanceOfKeyGroup[KeyGroups.keyGroup(key, maxKeyGroups)], payload);
        }

        /** A timestamped record crosses with its key and key group, so the consumer computes neither again. */
        @Override
        void route(Object record, long timestamp) {
            Object key = keyOf(record);
            int keyGroup = KeyGroups.keyGroup(key, maxKeyGroups);
            offer(instanceOfKeyGroup[keyGroup], timestamp == io.sluice.runtime.op.Operator.NO_TIMESTAMP
                    ? record : new KeyedItem(record, timestamp, key, keyGroup));
        }

        private Object keyOf(Object record) {
            Object key;
            try {
                key = keyFn.key(record);
            } catch (Throwable t) {
                throw new io.sluice.runtime.op.OperatorException(consumerName + " (key function)", t);
            }
            if (key == null) {
                throw new io.sluice.runtime.op.OperatorException(consumerName + " (key function)",
                        new NullPointerException("key function returned null for " + record));
            }
            return key;
        }
    }
}
