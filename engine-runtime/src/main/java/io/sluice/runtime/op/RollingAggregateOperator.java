package io.sluice.runtime.op;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.KeyedAggregation;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rolling keyed aggregation: folds each record into its key's accumulator and emits the key's new result.
 * State is one hash map per owned key group, so snapshots are per key group and can be restored at another
 * parallelism.
 */
public final class RollingAggregateOperator extends Operator {

    private final KeyFn<Object, Object> keyFn;
    private final AggregateOp<Object, Object, Object> op;
    private final BiFunction<Object, Object, Object> outputFn;
    private HashMap<Object, Object>[] stateByGroup;
    private int maxKeyGroups;

    public RollingAggregateOperator(KeyedAggregation aggregation) {
        this.keyFn = aggregation.keyFn();
        this.op = aggregation.op();
        this.outputFn = aggregation.outputFn();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        maxKeyGroups = ctx.maxKeyGroups();
        stateByGroup = new HashMap[maxKeyGroups];
        for (int kg = ctx.firstKeyGroup(); kg < ctx.endKeyGroup(); kg++) {
            stateByGroup[kg] = new HashMap<>();
        }
    }

    @Override
    public void process(Object item, long timestamp) {
        Object result;
        try {
            Object key = keyFn.key(item);
            HashMap<Object, Object> state = stateByGroup[KeyGroups.keyGroup(key, maxKeyGroups)];
            if (state == null) {
                throw new IllegalStateException("key " + key + " was routed to an instance that does not own its key group");
            }
            Object acc = state.get(key);
            if (acc == null) {
                acc = op.create();
                state.put(key, acc);
            }
            Object updated = op.accumulate(acc, item);
            if (updated != acc) {
                state.put(key, updated);
            }
            if (updated == null) {
                throw new NullPointerException("the aggregation returned a null accumulator");
            }
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

    @Override
    public boolean isStateful() {
        return true;
    }

    /** Per key group: the number of entries, then per entry the key's class name, key and accumulator. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void snapshot(StateWriter out) throws IOException {
        Codec<Object> accCodec = op.accumulatorCodec();
        for (int kg = 0; kg < maxKeyGroups; kg++) {
            HashMap<Object, Object> state = stateByGroup[kg];
            if (state == null || state.isEmpty()) {
                continue;
            }
            out.beginKeyGroup(kg);
            out.out().writeInt(state.size());
            for (Map.Entry<Object, Object> e : state.entrySet()) {
                Class<?> keyType = e.getKey().getClass();
                out.out().writeUTF(keyType.getName());
                out.writeValue((Codec) Codecs.forType(keyType), e.getKey());
                out.writeValue(accCodec, e.getValue());
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void restore(StateReader in) throws IOException {
        Codec<Object> accCodec = op.accumulatorCodec();
        while (in.nextSection()) {
            HashMap<Object, Object> state = stateByGroup[in.keyGroup()];
            if (state == null) {
                throw new IOException("snapshot section for key group " + in.keyGroup() + " is not owned by " + context.describe());
            }
            int entries = in.in().readInt();
            for (int i = 0; i < entries; i++) {
                String typeName = in.in().readUTF();
                Class<?> keyType;
                try {
                    keyType = Class.forName(typeName, false, keyFn.getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IOException("snapshot holds keys of unknown class " + typeName, e);
                }
                Object key = in.readValue((Codec) Codecs.forType(keyType));
                if (KeyGroups.keyGroup(key, maxKeyGroups) != in.keyGroup()) {
                    throw new IOException("key " + key + " is stored under key group " + in.keyGroup()
                            + " but belongs to " + KeyGroups.keyGroup(key, maxKeyGroups) + " (its hashCode changed?)");
                }
                state.put(key, in.readValue(accCodec));
            }
        }
    }

    /** Number of keys held, for tests and metrics. */
    public int keyCount() {
        int n = 0;
        for (HashMap<Object, Object> s : stateByGroup) {
            n += s == null ? 0 : s.size();
        }
        return n;
    }
}
