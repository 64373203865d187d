package io.sluice.runtime.join;

import io.sluice.api.join.JoinFn;
import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * Unbounded symmetric inner join: every record is paired at once with every record of the other side buffered
 * under its key, then buffered itself, forever. The output is the same multiset of pairs in any arrival order;
 * no record is late. A pair carries the later of the two timestamps. Watermarks pass through unchanged.
 */
final class UnboundedJoinOperator extends KeyedJoinOperator {

    private final JoinFn<Object, Object, Object> fn;
    private final JoinSpec.Unbounded spec;
    private KeyedTable<SideBuffers> buffers;

    UnboundedJoinOperator(JoinSpec.Unbounded spec) {
        super(spec, spec.fn());
        this.spec = spec;
        this.fn = spec.fn();
    }

    @Override
    void registerState(KeyedStateBackend backend) {
        buffers = backend.table("buffers", SideBuffers.codec(spec.leftCodec(), spec.rightCodec()));
    }

    @Override
    public void processInput(int input, Object item, long timestamp) {
        Object key = keyOf(input, item);
        int keyGroup = buffers.keyGroupOf(key);
        SideBuffers b = buffers.get(key, keyGroup);
        if (b == null) {
            b = new SideBuffers();
            buffers.put(key, keyGroup, b);
        }
        TimedBuffer others = input == 0 ? b.right : b.left;
        for (int i = 0; i < others.size(); i++) {
            Object result;
            try {
                result = input == 0 ? fn.apply(item, others.item(i)) : fn.apply(others.item(i), item);
            } catch (Throwable t) {
                throw failure(t);
            }
            emit(result, Math.max(timestamp, others.timestamp(i)));
        }
        b.side(input).add(timestamp, item);
    }

    /** Keys held, for tests and metrics. */
    long keyCount() {
        return buffers.size();
    }
}
