package io.sluice.runtime.state;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Keyed state whose value per key is one {@code long}, kept in the entry itself: a count or a sum changes
 * without allocating, and a checkpoint costs it one store into the entry's frozen slot per key changed before
 * the snapshot is written (see {@link KeyGroupMap}), where an object value needs a copy. A snapshot writes each
 * value as an 8-byte big-endian long framed as a value: what a {@link KeyedTable} of
 * {@link io.sluice.api.aggregate.LongAccumulator}s writes, so either table restores the other's blocks.
 *
 * <p>A read-modify-write costs one lookup: {@link #find} the key's entry (or {@link #insert} it), read
 * {@link LongEntry#value()}, {@link #set} the new value. Owned by one worker thread; a frozen snapshot is written
 * and released by a checkpoint thread.
 */
public final class KeyedLongTable extends StateTable<KeyedLongTable.LongEntry> {

    /**
     * A key and its value, with the slot that keeps the value a snapshot in flight sees once it changed. Callers
     * hold one between {@link #find} (or {@link #insert}) and {@link #set} within one change: an insert or remove of
     * another key may replace it by a copy.
     */
    public static final class LongEntry extends KeyGroupMap.Entry<LongEntry> {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(LongEntry.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The live value (owner); stored with release ordering while a snapshot's reader may read it. */
        long value;
        /** The value the snapshot in flight sees, once the live one changed. */
        long frozen;

        LongEntry(Object key, int hash, long value, LongEntry next, int entryVersion, int valueVersion) {
            super(key, hash, next, entryVersion, valueVersion);
            this.value = value;
        }

        /** The value (owner thread). */
        public long value() {
            return value;
        }

        @Override
        LongEntry copyAt(int version) {
            return new LongEntry(key, hash, value, next, version, valueVersion);
        }

        /** Owner: changes the live value (see {@link KeyGroupMap}). */
        void set(long v, int required, int version) {
            if (required == 0) { // no snapshot in flight: nothing reads the entry concurrently
                value = v;
                return;
            }
            if (liveValueFrozen(required)) {
                frozen = value;
                publishMoved(version);
            }
            VALUE.setRelease(this, v);
        }

        /** Reader of the snapshot of {@code version}: the value it sees. */
        long valueAt(int version) {
            if (!movedSince(version)) {
                long live = (long) VALUE.getAcquire(this);
                if (!movedSince(version)) {
                    return live;
                }
            }
            return frozen;
        }
    }

    KeyedLongTable(String name, int maxKeyGroups, int firstKeyGroup, int endKeyGroup) {
        super(name, maxKeyGroups, firstKeyGroup, endKeyGroup, e -> new LongEntry(e.key, e.hash, e.value, null, 0, 0));
    }

    /** The entry of {@code key} in (owned) {@code keyGroup}, or {@code null}. */
    public LongEntry find(Object key, int keyGroup) {
        return group(keyGroup).find(key, KeyGroupMap.hash(key));
    }

    /** Adds {@code key}, which is absent, to {@code keyGroup} with {@code value}; returns its entry. */
    public LongEntry insert(Object key, int keyGroup, long value) {
        KeyGroupMap<LongEntry> g = group(keyGroup);
        LongEntry e = new LongEntry(key, KeyGroupMap.hash(key), value, null, g.version(), g.version());
        g.insert(e);
        return e;
    }

    /** Changes the value of {@code entry}, found in {@code keyGroup} since the last insert or remove. */
    public void set(LongEntry entry, int keyGroup, long value) {
        KeyGroupMap<LongEntry> g = group(keyGroup);
        entry.set(value, g.required(), g.version());
    }

    /** The value of {@code key}, or {@code absent} when it is not there. */
    public long get(Object key, int keyGroup, long absent) {
        LongEntry e = find(key, keyGroup);
        return e != null ? e.value : absent;
    }

    /** Sets the value of {@code key}, adding it when absent. */
    public void put(Object key, int keyGroup, long value) {
        LongEntry e = find(key, keyGroup);
        if (e != null) {
            set(e, keyGroup, value);
        } else {
            insert(key, keyGroup, value);
        }
    }

    @Override
    void writeValue(LongEntry entry, int version, StateWriter writer) {
        writer.writeLongValue(entry.valueAt(version));
    }

    @Override
    void readValue(Object key, int keyGroup, StateReader reader) throws IOException {
        put(key, keyGroup, reader.readLongValue());
    }
}
