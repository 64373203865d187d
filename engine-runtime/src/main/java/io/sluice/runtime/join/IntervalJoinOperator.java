package io.sluice.runtime.join;

import io.sluice.api.join.JoinFn;
import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * Interval join: left {@code a} and right {@code b} of one key meet when
 * {@code a.ts + lower <= b.ts <= a.ts + upper}. Each on-time record is paired at once with the buffered records
 * of the other side, then buffered itself while a future on-time record (timestamp at least the watermark) can
 * still match it: a left record until the watermark passes {@code a.ts + upper}, a right one until it passes
 * {@code b.ts - lower}. A pair carries the later of the two timestamps.
 *
 * <p>Expiry: each key sits in an {@link ExpiryQueue} under the earliest time one of its records expires; when
 * the watermark reaches it, the key's expired records go and the key is queued again under its next expiry
 * (or dropped when nothing is left). Late records are dropped before they are paired, so a record that is
 * expired but not yet removed can never match.
 */
final class IntervalJoinOperator extends EventTimeJoinOperator {

    private final long lower;
    private final long upper;
    private final JoinFn<Object, Object, Object> fn;
    private final JoinSpec.Interval spec;
    private final ExpiryQueue expiries = new ExpiryQueue();
    private KeyedTable<SideBuffers> buffers;

    IntervalJoinOperator(JoinSpec.Interval spec) {
        super(spec, spec.fn());
        this.spec = spec;
        this.lower = spec.lowerMillis();
        this.upper = spec.upperMillis();
        this.fn = spec.fn();
    }

    @Override
    void registerTables(KeyedStateBackend backend) {
        buffers = backend.table("buffers", SideBuffers.codec(spec.leftCodec(), spec.rightCodec()));
    }

    @Override
    void processOnTime(int input, Object item, long timestamp) {
        Object key = keyOf(input, item);
        int keyGroup = buffers.keyGroupOf(key);
        SideBuffers b = buffers.get(key, keyGroup);
        if (b != null) {
            if (input == 0) {
                pairLeft(item, timestamp, b.right);
            } else {
                pairRight(item, timestamp, b.left);
            }
        }
        long expiry = expiryOf(input, timestamp);
        if (expiry <= watermark()) {
            return; // nothing on time can match it any more
        }
        if (b == null) {
            b = new SideBuffers();
            buffers.put(key, keyGroup, b);
        }
        b.side(input).add(timestamp, item);
        if (b.timer == SideBuffers.NO_TIMER || expiry < b.timer) {
            b.timer = expiry;
            expiries.add(expiry, 0, key, keyGroup, b);
        }
    }

    private void pairLeft(Object a, long ts, TimedBuffer rights) {
        long from = saturatedAdd(ts, lower);
        long to = saturatedAdd(ts, upper);
        for (int i = 0; i < rights.size(); i++) {
            long rt = rights.timestamp(i);
            if (rt >= from && rt <= to) {
                emit(apply(a, rights.item(i)), Math.max(ts, rt));
            }
        }
    }

    private void pairRight(Object b, long ts, TimedBuffer lefts) {
        long from = saturatedAdd(ts, -upper);
        long to = saturatedAdd(ts, -lower);
        for (int i = 0; i < lefts.size(); i++) {
            long lt = lefts.timestamp(i);
            if (lt >= from && lt <= to) {
                emit(apply(lefts.item(i), b), Math.max(ts, lt));
            }
        }
    }

    private Object apply(Object left, Object right) {
        try {
            return fn.apply(left, right);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** The first watermark at which a record of {@code input} with {@code timestamp} can match nothing more. */
    private long expiryOf(int input, long timestamp) {
        return saturatedAdd(saturatedAdd(timestamp, input == 0 ? upper : -lower), 1);
    }

    @Override
    void onWatermark(long wm) {
        while (!expiries.isEmpty() && expiries.peekTime() <= wm) {
            long time = expiries.peekTime();
            Object key = expiries.peekKey();
            int keyGroup = expiries.peekKeyGroup();
            SideBuffers b = buffers.current(key, keyGroup, (SideBuffers) expiries.peekState()); // may be copied since
            expiries.pop();
            if (b == null || b.timer != time) {
                continue; // superseded by an earlier expiry of the same key, already handled
            }
            // left a is done once a.ts + upper < wm, right b once b.ts - lower < wm
            b.left.removeOlderThan(saturatedAdd(wm, -upper));
            b.right.removeOlderThan(saturatedAdd(wm, lower));
            if (b.isEmpty()) {
                b.timer = SideBuffers.NO_TIMER;
                buffers.remove(key, keyGroup);
            } else {
                schedule(key, keyGroup, b);
            }
        }
    }

    private void schedule(Object key, int keyGroup, SideBuffers b) {
        long next = Math.min(expiryOf(0, b.left.minTimestamp()), expiryOf(1, b.right.minTimestamp()));
        b.timer = next;
        expiries.add(next, 0, key, keyGroup, b);
    }

    @Override
    void rebuildAfterRestore() {
        expiries.clear();
        for (int kg = context.firstKeyGroup(); kg < context.endKeyGroup(); kg++) {
            int group = kg;
            buffers.forEach(kg, (key, b) -> schedule(key, group, b));
        }
    }

    /** Keys with buffered records, for tests and metrics. */
    long keyCount() {
        return buffers.size();
    }

    /** Records buffered over all keys, for tests and metrics. */
    long bufferedCount() {
        long[] n = {0};
        for (int kg = context.firstKeyGroup(); kg < context.endKeyGroup(); kg++) {
            buffers.forEach(kg, (key, b) -> n[0] += b.left.size() + b.right.size());
        }
        return n[0];
    }
}
