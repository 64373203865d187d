package io.sluice.runtime.join;

import io.sluice.api.function.FilterFn;
import io.sluice.api.join.JoinFn;
import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * Stream–table join: input 1 is a changelog whose latest record per key is the table (a tombstone, when the spec
 * has a delete predicate, removes the key); each record of input 0 is joined with its key's current value when it
 * arrives, or with {@code null} in a left-outer join, and carries its own timestamp. Table updates emit nothing.
 * Not bound to event time: nothing is late, watermarks pass through.
 */
final class TableJoinOperator extends KeyedJoinOperator {

    private final JoinFn<Object, Object, Object> fn;
    private final FilterFn<Object> isDelete;
    private final boolean leftOuter;
    private final JoinSpec.Table spec;
    private KeyedTable<Object> table;

    TableJoinOperator(JoinSpec.Table spec) {
        super(spec, spec.fn());
        this.spec = spec;
        this.fn = spec.fn();
        this.isDelete = spec.isDelete();
        this.leftOuter = spec.leftOuter();
    }

    @Override
    void registerState(KeyedStateBackend backend) {
        table = backend.table("table", spec.tableCodec());
    }

    @Override
    public void processInput(int input, Object item, long timestamp) {
        Object key = keyOf(input, item);
        if (input == 1) {
            update(key, item);
            return;
        }
        Object value = table.get(key);
        if (value == null && !leftOuter) {
            return;
        }
        Object result;
        try {
            result = fn.apply(item, value);
        } catch (Throwable t) {
            throw failure(t);
        }
        emit(result, timestamp);
    }

    private void update(Object key, Object item) {
        boolean delete;
        try {
            delete = isDelete != null && isDelete.test(item);
        } catch (Throwable t) {
            throw failure(t);
        }
        if (delete) {
            table.remove(key);
        } else {
            table.put(key, item);
        }
    }

    /** Keys in the table, for tests and metrics. */
    long keyCount() {
        return table.size();
    }
}
