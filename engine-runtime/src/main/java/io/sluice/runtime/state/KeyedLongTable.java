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
 * <p>Access goes through a cursor, so that a read-modify-write costs one lookup: {@link #seek} a key, then
 * {@link #value()}, {@link #set(long)} or, when it was absent, {@link #insert(long)}. Owned by one worker
 * thread; a frozen snapshot is written and released by a checkpoint thread.
 */
public final class KeyedLongTable extends StateTable<KeyedLongTable.LongEntry> {

    /** A key and its value, with the slot that keeps the value a snapshot in flight sees once it changed. */
    static final class LongEntry extends KeyGroupMap.Entry<LongEntry> {
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

    private KeyGroupMap<LongEntry> cursorGroup;
    private Object cursorKey;
    private int cursorHash;
    private LongEntry cursor;

    KeyedLongTable(String name, int maxKeyGroups, int firstKeyGroup, int endKeyGroup) {
        super(name, maxKeyGroups, firstKeyGroup, endKeyGroup, e -> new LongEntry(e.key, e.hash, e.value, null, 0, 0));
    }

    /**
     * Points the cursor at {@code key} of (owned) {@code keyGroup}; true when the key is there. Then
     * {@link #value()} and {@link #set(long)} act on it, or {@link #insert(long)} adds it when it was absent,
     * until the next seek or any other change of the table.
     */
    public boolean seek(Object key, int keyGroup) {
        KeyGroupMap<LongEntry> g = group(keyGroup);
        int h = KeyGroupMap.hash(key);
        cursorGroup = g;
        cursorKey = key;
        cursorHash = h;
        cursor = g.find(key, h);
        return cursor != null;
    }

    /** The value of the key the cursor is at (which must be there). */
    public long value() {
        return present().value;
    }

    /** Changes the value of the key the cursor is at (which must be there). */
    public void set(long value) {
        KeyGroupMap<LongEntry> g = cursorGroup;
        present().set(value, g.required(), g.version());
    }

    /** Adds the key the cursor is at, which was absent, with {@code value}; the cursor stays on it. */
    public void insert(long value) {
        if (cursorGroup == null || cursor != null) {
            throw new IllegalStateException("insert needs a seek to an absent key");
        }
        KeyGroupMap<LongEntry> g = cursorGroup;
        cursor = new LongEntry(cursorKey, cursorHash, value, null, g.version(), g.version());
        g.insert(cursor);
    }

    /** The value of {@code key}, or {@code absent} when it is not there. */
    public long get(Object key, int keyGroup, long absent) {
        return seek(key, keyGroup) ? cursor.value : absent;
    }

    /** Sets the value of {@code key}, adding it when absent. */
    public void put(Object key, int keyGroup, long value) {
        if (seek(key, keyGroup)) {
            set(value);
        } else {
            insert(value);
        }
    }

    @Override
    public boolean remove(Object key, int keyGroup) {
        cursorGroup = null; // the cursor's entry may be the removed one
        cursor = null;
        return super.remove(key, keyGroup);
    }

    @Override
    public void clear() {
        cursorGroup = null;
        cursor = null;
        super.clear();
    }

    private LongEntry present() {
        LongEntry e = cursor;
        if (e == null) {
            throw new IllegalStateException("the cursor is not at a present key: seek first");
        }
        return e;
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
