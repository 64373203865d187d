package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import io.sluice.runtime.op.OperatorContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keyed state of one operator instance: named {@link KeyedTable}s over the key groups the instance owns,
 * snapshotted per key group so that a restore at another parallelism hands each key group to its new owner.
 * A key group's section holds one block per non-empty table (layout in {@link KeyedTable}). Owned by one
 * worker thread.
 *
 * <p>Register every table in {@code open}, before a restore, with the same names across versions of the job.
 */
public final class KeyedStateBackend {

    private final OperatorContext context;
    private final Map<String, KeyedTable<?>> tables = new LinkedHashMap<>();

    public KeyedStateBackend(OperatorContext context) {
        this.context = context;
    }

    /** Creates the table {@code name}; names are unique per operator. */
    public <V> KeyedTable<V> table(String name, Codec<V> valueCodec) {
        if (tables.containsKey(name)) {
            throw new IllegalArgumentException("state table '" + name + "' is registered twice");
        }
        KeyedTable<V> t = new KeyedTable<>(name, valueCodec, context.maxKeyGroups(), context.firstKeyGroup(),
                context.endKeyGroup());
        tables.put(name, t);
        return t;
    }

    /** Writes every non-empty table, per key group. */
    public void snapshot(StateWriter out) throws IOException {
        for (int kg = context.firstKeyGroup(); kg < context.endKeyGroup(); kg++) {
            boolean begun = false;
            for (KeyedTable<?> t : tables.values()) {
                if (t.isEmpty(kg)) {
                    continue;
                }
                if (!begun) {
                    out.beginKeyGroup(kg);
                    begun = true;
                }
                t.write(kg, out);
            }
        }
    }

    /** Reads back what {@link #snapshot} wrote, for the key groups this instance owns. */
    public void restore(StateReader in, ClassLoader loader) throws IOException {
        while (in.nextSection()) {
            int kg = in.keyGroup();
            while (in.hasMore()) {
                String name = in.in().readUTF();
                KeyedTable<?> t = tables.get(name);
                if (t == null) {
                    throw new IOException("the snapshot holds state table '" + name + "' that operator "
                            + context.describe() + " does not have (known: " + tables.keySet() + ")");
                }
                t.read(kg, in, loader);
            }
        }
    }

    /** Number of keys over all tables. */
    public long size() {
        long n = 0;
        for (KeyedTable<?> t : tables.values()) {
            n += t.size();
        }
        return n;
    }
}
