package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;

/**
 * One named piece of keyed state: a value per key, stored in one {@link KeyGroupMap} per key group the operator
 * instance owns (block layout in {@link StateTable}). Get and put cost a hash and a map access; callers that
 * already know the key group (they computed it to route or to look up another table) pass it and save the hash.
 *
 * <p><b>Values are changed in place</b> by their operators (accumulators, window state, buffers). That is safe
 * while a checkpoint writes a frozen snapshot of the table on another thread ({@link KeyedStateBackend#freeze}),
 * because {@link #get} and {@link #forEach} first replace a value the snapshot still sees by a copy (the codec's
 * {@link Codec#copy}), putting the original aside in its entry for the snapshot. So an operator must reach a
 * value through the table at least once per call before changing it: a reference kept from an earlier call may
 * be the snapshot's, see {@link #current}.
 *
 * <p>Owned by one worker thread; a frozen snapshot is written and released by a checkpoint thread.
 *
 * @param <V> the value type
 */
public final class KeyedTable<V> extends StateTable<KeyedTable.ValueEntry<V>> {

    /** A key and its value, with the slot that keeps the value a snapshot in flight sees once it was replaced. */
    static final class ValueEntry<V> extends KeyGroupMap.Entry<ValueEntry<V>> {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(ValueEntry.class, "value", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The live value (owner); stored with release ordering while a snapshot's reader may read it. */
        V value;
        /** The value the snapshot in flight sees, once the live one replaced it; dropped when it is written. */
        V frozen;

        ValueEntry(Object key, int hash, V value, ValueEntry<V> next, int entryVersion, int valueVersion) {
            super(key, hash, next, entryVersion, valueVersion);
            this.value = value;
        }

        @Override
        ValueEntry<V> copyAt(int version) {
            return new ValueEntry<>(key, hash, value, next, version, valueVersion);
        }

        /** Owner: replaces the live value by {@code replacement} (see {@link KeyGroupMap}). */
        void replace(V replacement, int required, int version) {
            if (liveValueFrozen(required)) {
                frozen = value;
                publishMoved(version);
            } else {
                valueVersion = version; // a value installed now is shared with the next snapshot only
            }
            if (required == 0) { // no snapshot in flight: nothing reads the entry concurrently
                value = replacement;
            } else {
                VALUE.setRelease(this, replacement);
            }
        }

        /** Reader of the snapshot of {@code version}: the value it sees; then forgets a value put aside for it. */
        @SuppressWarnings("unchecked")
        V takeFrozen(int version) {
            if (!movedSince(version)) {
                V live = (V) VALUE.getAcquire(this);
                if (!movedSince(version)) {
                    return live;
                }
            }
            V v = frozen;
            frozen = null; // the owner puts a value aside again only for a later snapshot, after this one's release
            return v;
        }
    }

    private final Codec<V> valueCodec;

    KeyedTable(String name, Codec<V> valueCodec, int maxKeyGroups, int firstKeyGroup, int endKeyGroup) {
        super(name, maxKeyGroups, firstKeyGroup, endKeyGroup,
                e -> new ValueEntry<>(e.key, e.hash, valueCodec.copy(e.value), null, 0, 0));
        this.valueCodec = valueCodec;
    }

    /** The value of {@code key} (the caller may change it in place until its call ends), or {@code null}. */
    public V get(Object key) {
        return get(key, keyGroupOf(key));
    }

    /** {@link #get(Object)} for a caller that knows the key's group. */
    public V get(Object key, int keyGroup) {
        KeyGroupMap<ValueEntry<V>> g = group(keyGroup);
        ValueEntry<V> e = g.find(key, KeyGroupMap.hash(key));
        if (e == null) {
            return null;
        }
        return e.valueVersion < g.required() ? own(g, e) : e.value;
    }

    /**
     * The value of {@code key} for a caller that kept {@code held} from an earlier call (e.g. in a timer heap, to
     * spare a lookup): {@code held} itself while no snapshot was ever taken, else the value looked up again (a
     * snapshot may have put {@code held} aside and given the key a copy), {@code null} if the key is gone by then.
     * Callers check that the value is still the one they meant, as they would with {@code held}.
     */
    public V current(Object key, int keyGroup, V held) {
        return everFrozen() ? get(key, keyGroup) : held;
    }

    public void put(Object key, V value) {
        put(key, keyGroupOf(key), value);
    }

    public void put(Object key, int keyGroup, V value) {
        KeyGroupMap<ValueEntry<V>> g = group(keyGroup);
        int h = KeyGroupMap.hash(key);
        ValueEntry<V> e = g.find(key, h);
        if (e != null) {
            e.replace(value, g.required(), g.version());
        } else {
            insert(g, key, h, value);
        }
    }

    /**
     * Adds {@code key}, which is absent, to {@code keyGroup} with {@code value}: {@link #put} without its lookup,
     * for a caller that just found the key absent ({@link #get} returned {@code null}, nothing was put since), as
     * {@link KeyedLongTable#insert} is. A key that is present would get a second entry.
     */
    public void insert(Object key, int keyGroup, V value) {
        insert(group(keyGroup), key, KeyGroupMap.hash(key), value);
    }

    private void insert(KeyGroupMap<ValueEntry<V>> g, Object key, int hash, V value) {
        g.insert(new ValueEntry<>(key, hash, value, null, g.version(), g.version()));
    }

    /**
     * Hands every entry of an owned key group to {@code action} (e.g. to fire timers or rebuild a heap), the value
     * ready to be changed in place. The action must not add or remove keys of this table.
     */
    public void forEach(int keyGroup, BiConsumer<Object, ? super V> action) {
        KeyGroupMap<ValueEntry<V>> g = group(keyGroup);
        g.forEach(e -> action.accept(e.key, e.valueVersion < g.required() ? own(g, e) : e.value));
    }

    /** Makes {@code e}'s value the live table's own, to be changed in place: a copy, the original put aside. */
    private V own(KeyGroupMap<ValueEntry<V>> g, ValueEntry<V> e) {
        V copy = valueCodec.copy(e.value);
        e.replace(copy, g.required(), g.version());
        return copy;
    }

    @Override
    void writeValue(ValueEntry<V> entry, int version, StateWriter writer) throws IOException {
        writer.writeValue(valueCodec, entry.takeFrozen(version));
    }

    @Override
    void readValue(Object key, int keyGroup, StateReader reader) throws IOException {
        put(key, keyGroup, reader.readValue(valueCodec));
    }
}
