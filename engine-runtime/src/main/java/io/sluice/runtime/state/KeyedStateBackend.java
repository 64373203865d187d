package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import io.sluice.runtime.op.OperatorContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keyed state of one operator instance: named tables ({@link KeyedTable}, {@link KeyedLongTable}) over the
 * key groups the instance owns,
 * snapshotted per key group so that a restore at another parallelism hands each key group to its new owner.
 * A key group's section holds one block per non-empty table (layout in {@link StateTable}). Owned by one
 * worker thread.
 *
 * <p>Register every table in {@code open}, before a restore, with the same names across versions of the job.
 */
public final class KeyedStateBackend {

    private final OperatorContext context;
    private final Map<String, StateTable<?>> tables = new LinkedHashMap<>();

    public KeyedStateBackend(OperatorContext context) {
        this.context = context;
    }

    /** Creates the table {@code name}; names are unique per operator. */
    public <V> KeyedTable<V> table(String name, Codec<V> valueCodec) {
        return register(new KeyedTable<>(name, valueCodec, context.maxKeyGroups(), context.firstKeyGroup(),
                context.endKeyGroup()));
    }

    /**
     * Creates the table {@code name} of one {@code long} per key; names are unique per operator. Its snapshot is
     * that of a {@link #table} of {@link io.sluice.api.aggregate.LongAccumulator}s, so either restores the other.
     */
    public KeyedLongTable longTable(String name) {
        return register(new KeyedLongTable(name, context.maxKeyGroups(), context.firstKeyGroup(), context.endKeyGroup()));
    }

    private <T extends StateTable<?>> T register(T table) {
        if (tables.containsKey(table.name())) {
            throw new IllegalArgumentException("state table '" + table.name() + "' is registered twice");
        }
        tables.put(table.name(), table);
        return table;
    }

    /**
     * Freezes every table for a running checkpoint, on the worker thread: one bucket-array copy per non-empty key
     * group and table, no serialization. The returned part writes every non-empty table per key group later, on a
     * checkpoint thread, and releases each key group once it is written. A snapshot that nothing changes
     * afterwards writes it at once ({@link io.sluice.runtime.op.Operator#snapshot}).
     */
    public DeferredState freeze() {
        StateTable<?>[] all = tables.values().toArray(new StateTable<?>[0]);
        int first = context.firstKeyGroup();
        KeyGroupMap.View<?>[][] frozen = new KeyGroupMap.View<?>[context.endKeyGroup() - first][];
        for (int kg = first; kg < context.endKeyGroup(); kg++) {
            KeyGroupMap.View<?>[] views = new KeyGroupMap.View<?>[all.length];
            for (int t = 0; t < all.length; t++) {
                views[t] = all[t].freeze(kg);
            }
            frozen[kg - first] = views;
        }
        return new FrozenTables(all, first, frozen);
    }

    /** One key group's section: a block per non-empty table; nothing when every table is empty there. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void writeKeyGroup(int kg, StateTable<?>[] all, KeyGroupMap.View<?>[] views, StateWriter out)
            throws IOException {
        boolean begun = false;
        for (int t = 0; t < all.length; t++) {
            KeyGroupMap.View view = views[t];
            if (view == null || view.size() == 0) {
                continue;
            }
            if (!begun) {
                out.beginKeyGroup(kg);
                begun = true;
            }
            ((StateTable) all[t]).write(view, out);
        }
    }

    /** The frozen key groups of every table, written one key group at a time, each released right after. */
    private static final class FrozenTables implements DeferredState {

        private final StateTable<?>[] tables;
        private final int firstKeyGroup;
        private final KeyGroupMap.View<?>[][] frozen;

        FrozenTables(StateTable<?>[] tables, int firstKeyGroup, KeyGroupMap.View<?>[][] frozen) {
            this.tables = tables;
            this.firstKeyGroup = firstKeyGroup;
            this.frozen = frozen;
        }

        @Override
        public void writeTo(StateWriter out) throws IOException {
            try {
                for (int i = 0; i < frozen.length; i++) {
                    writeKeyGroup(firstKeyGroup + i, tables, frozen[i], out);
                    release(i);
                }
            } finally {
                release();
            }
        }

        @Override
        public void release() {
            for (int i = 0; i < frozen.length; i++) {
                release(i);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void release(int i) {
            KeyGroupMap.View<?>[] views = frozen[i];
            for (int t = 0; t < tables.length; t++) {
                if (views[t] != null) {
                    ((StateTable) tables[t]).release(firstKeyGroup + i, views[t]);
                }
            }
        }
    }

    /** Reads back what {@link #freeze} wrote, for the key groups this instance owns. */
    public void restore(StateReader in, ClassLoader loader) throws IOException {
        while (in.nextSection()) {
            int kg = in.keyGroup();
            while (in.hasMore()) {
                String name = in.in().readUTF();
                StateTable<?> t = tables.get(name);
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
        for (StateTable<?> t : tables.values()) {
            n += t.size();
        }
        return n;
    }
}
