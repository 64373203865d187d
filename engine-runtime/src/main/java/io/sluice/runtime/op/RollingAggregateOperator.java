package io.sluice.runtime.op;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.LongAccumulator;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.KeyedAggregation;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.KeyedLongTable;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * Rolling keyed aggregation: folds each record into its key's accumulator and emits the key's new result,
 * with the record's timestamp. State is one accumulator per key in a {@link KeyedTable}, so snapshots are
 * per key group and can be restored at another parallelism.
 *
 * <p>Accumulators that are a {@link LongAccumulator} (counting, summing: the op's accumulator codec is
 * {@link LongAccumulator#CODEC}) are held unboxed in a {@link KeyedLongTable}: the op folds each record into one
 * scratch accumulator loaded with the key's value, and the result goes back into the table. A count then
 * changes without allocating, and a checkpoint copies nothing per key. The snapshot is the same either way.
 */
public final class RollingAggregateOperator extends Operator {

    private final KeyFn<Object, Object> keyFn;
    private final AggregateOp<Object, Object, Object> op;
    private final BiFunction<Object, Object, Object> outputFn;
    private KeyedStateBackend state;
    /** The accumulators, unless they are held unboxed in {@link #longAccumulators}. */
    private KeyedTable<Object> accumulators;
    private KeyedLongTable longAccumulators;
    /** The accumulator the op sees on the unboxed path: the key's value is loaded into it for each record. */
    private final LongAccumulator scratch = new LongAccumulator();

    public RollingAggregateOperator(KeyedAggregation aggregation) {
        this.keyFn = aggregation.keyFn();
        this.op = aggregation.op();
        this.outputFn = aggregation.outputFn();
    }

    @Override
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        state = new KeyedStateBackend(ctx);
        if ((Object) op.accumulatorCodec() == LongAccumulator.CODEC) {
            longAccumulators = state.longTable("accumulators");
        } else {
            accumulators = state.table("accumulators", op.accumulatorCodec());
        }
    }

    @Override
    public void process(Object item, long timestamp) {
        Object key;
        try {
            key = keyFn.key(item);
            if (key == null) {
                throw new NullPointerException("the key function returned null for " + item);
            }
        } catch (Throwable t) {
            throw failure(t);
        }
        processKeyed(item, timestamp, key, longAccumulators != null ? longAccumulators.keyGroupOf(key)
                : accumulators.keyGroupOf(key));
    }

    /** Also the entry of a record that crossed a partitioned queue with its key and key group. */
    @Override
    public void processKeyed(Object item, long timestamp, Object key, int keyGroup) {
        Object result;
        try {
            Object updated = longAccumulators != null ? accumulateUnboxed(item, key, keyGroup)
                    : accumulate(item, key, keyGroup);
            Object exported = op.export(updated);
            if (exported == null) {
                throw new NullPointerException("the aggregation (or reduce function) returned null");
            }
            result = outputFn.apply(key, exported);
        } catch (Throwable t) {
            throw failure(t);
        }
        emitted++;
        downstream.process(result, timestamp);
    }

    private Object accumulate(Object item, Object key, int keyGroup) throws Exception {
        Object acc = accumulators.get(key, keyGroup);
        if (acc == null) {
            acc = op.create();
            accumulators.put(key, keyGroup, acc);
        }
        Object updated = checked(op.accumulate(acc, item));
        if (updated != acc) {
            accumulators.put(key, keyGroup, updated);
        }
        return updated;
    }

    private Object accumulateUnboxed(Object item, Object key, int keyGroup) throws Exception {
        KeyedLongTable table = longAccumulators;
        KeyedLongTable.LongEntry entry = table.find(key, keyGroup);
        if (entry == null) {
            entry = table.insert(key, keyGroup, ((LongAccumulator) op.create()).get());
        }
        LongAccumulator acc = scratch;
        acc.set(entry.value());
        Object updated = checked(op.accumulate(acc, item));
        table.set(entry, keyGroup, ((LongAccumulator) updated).get());
        return updated;
    }

    private static Object checked(Object accumulator) {
        if (accumulator == null) {
            throw new NullPointerException("the aggregation returned a null accumulator");
        }
        return accumulator;
    }

    @Override
    public boolean isStateful() {
        return true;
    }

    @Override
    public DeferredState snapshotState(StateWriter out) throws IOException {
        return state.freeze();
    }

    @Override
    public void restore(StateReader in) throws IOException {
        state.restore(in, keyFn.getClass().getClassLoader());
    }

    /** Number of keys held, for tests and metrics. */
    public long keyCount() {
        return longAccumulators != null ? longAccumulators.size() : accumulators.size();
    }
}
