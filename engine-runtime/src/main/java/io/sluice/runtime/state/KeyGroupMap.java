package io.sluice.runtime.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The entries of one key group of a {@link KeyedTable}: a chained hash map with copy-on-write snapshots.
 *
 * <p><b>Freeze.</b> {@link #freeze()} bumps the map's version and copies its bucket array (one array copy, no
 * per-entry work): the copy and the entries reachable from it are the snapshot, which another thread may read
 * until it {@link #release releases} it. From then on the owner never changes an entry object or a value that
 * the snapshot can see:
 * <ul>
 *   <li>every entry carries the version it was created at; an entry older than the frozen version is shared
 *       with the snapshot, so putting into it, or unlinking its successor, first replaces it (and the shared
 *       entries before it in its chain) by copies in the live bucket array (path copying);</li>
 *   <li>every entry also carries the version its value was installed at; {@link #get} hands out values to be
 *       changed in place, so it first replaces a value older than the frozen version by a copy
 *       ({@code copier}, see {@link io.sluice.api.codec.Codec#copy});</li>
 *   <li>growing the bucket array relinks entries, so it copies the shared ones.</li>
 * </ul>
 * New entries go to the head of their chain, so they never touch a shared entry. Once the snapshot is released
 * (or when none was ever taken) nothing is copied and the map costs what a {@link java.util.HashMap} costs.
 *
 * <p><b>Threads.</b> One owner thread calls everything but {@link #release}, which the thread that wrote the
 * snapshot calls. At most one frozen snapshot is in flight per map (the checkpoint coordinator runs one checkpoint
 * at a time); should a second freeze come while one is in flight, both stay protected (see {@link View}).
 * {@link #required} is read without ordering by the owner: a stale read can only see a snapshot still in flight,
 * which costs a needless copy.
 *
 * @param <V> the value type
 */
final class KeyGroupMap<V> {

    /** A key, its value and the versions that say whether a snapshot may see them. */
    static final class Entry<V> {
        final Object key;
        final int hash;
        V value;
        Entry<V> next;
        /** The map version this entry object was created at. */
        final int entryVersion;
        /** The map version {@link #value} was installed (or copied) at. */
        int valueVersion;

        Entry(Object key, int hash, V value, Entry<V> next, int entryVersion, int valueVersion) {
            this.key = key;
            this.hash = hash;
            this.value = value;
            this.next = next;
            this.entryVersion = entryVersion;
            this.valueVersion = valueVersion;
        }
    }

    /**
     * The entries of a map as of one freeze: a copy of its bucket array, and its size.
     *
     * @param releases the version {@link #release} ends, 0 for a snapshot frozen while another was in flight (it
     *                 is covered by the older one's protection, which then lasts until a later snapshot ends)
     */
    record View<V>(Entry<V>[] buckets, int size, int releases) {
    }

    private static final int MIN_CAPACITY = 16;
    private static final VarHandle REQUIRED;

    static {
        try {
            REQUIRED = MethodHandles.lookup().findVarHandle(KeyGroupMap.class, "required", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final UnaryOperator<V> copier;
    private Entry<V>[] table;
    private int size;
    private int threshold;
    /** Bumped by every freeze; entries and values created now carry it. */
    private int version;
    /** The version of the snapshot in flight, 0 when there is none: entries and values older than it are shared. */
    private int required;

    KeyGroupMap(UnaryOperator<V> copier) {
        this.copier = copier;
        this.table = newTable(MIN_CAPACITY);
        this.threshold = MIN_CAPACITY * 3 / 4;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, which the caller may change in place; {@code null} when absent. */
    V get(Object key) {
        int h = spread(key.hashCode());
        Entry<V>[] tab = table;
        int i = h & (tab.length - 1);
        for (Entry<V> e = tab[i]; e != null; e = e.next) {
            if (e.hash == h && (e.key == key || key.equals(e.key))) {
                return e.valueVersion < required ? ownValue(tab, i, e) : e.value;
            }
        }
        return null;
    }

    void put(Object key, V value) {
        int h = spread(key.hashCode());
        Entry<V>[] tab = table;
        int i = h & (tab.length - 1);
        for (Entry<V> e = tab[i]; e != null; e = e.next) {
            if (e.hash == h && (e.key == key || key.equals(e.key))) {
                if (e.entryVersion < required) {
                    e = ownChainTo(tab, i, e);
                }
                e.value = value;
                e.valueVersion = version;
                return;
            }
        }
        if (size >= threshold) {
            grow();
            tab = table;
            i = h & (tab.length - 1);
        }
        tab[i] = new Entry<>(key, h, value, tab[i], version, version);
        size++;
    }

    /** Removes {@code key}; true when it was there. */
    boolean remove(Object key) {
        int h = spread(key.hashCode());
        Entry<V>[] tab = table;
        int i = h & (tab.length - 1);
        Entry<V> prev = null;
        for (Entry<V> e = tab[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && (e.key == key || key.equals(e.key))) {
                if (prev == null) {
                    tab[i] = e.next;
                } else {
                    if (prev.entryVersion < required) {
                        prev = ownChainTo(tab, i, prev);
                    }
                    prev.next = e.next;
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /**
     * Hands every entry to {@code action}, its value ready to be changed in place. The action must not add or
     * remove keys of this map.
     */
    void forEach(BiConsumer<Object, ? super V> action) {
        Entry<V>[] tab = table;
        for (int i = 0; i < tab.length; i++) {
            for (Entry<V> e = tab[i]; e != null; e = e.next) {
                V v = e.valueVersion < required ? ownValue(tab, i, e) : e.value;
                action.accept(e.key, v); // a copied entry has the same successor as e
            }
        }
    }

    void clear() {
        table = newTable(MIN_CAPACITY); // the old array may be frozen: never cleared in place
        threshold = MIN_CAPACITY * 3 / 4;
        size = 0;
    }

    /**
     * Starts a snapshot: from now on the returned view does not change until {@link #release} with its version.
     * Costs one copy of the bucket array.
     */
    View<V> freeze() {
        if (++version == Integer.MAX_VALUE) {
            throw new IllegalStateException("a key group was snapshotted 2^31 times; restart the job from a checkpoint");
        }
        // Raising the bar protects every snapshot in flight; the older one's release then fails its
        // compare-and-set, and this one's must not lower the bar under it: it releases nothing.
        boolean nested = (int) REQUIRED.getAcquire(this) != 0;
        REQUIRED.setRelease(this, version);
        return new View<>(table.clone(), size, nested ? 0 : version);
    }

    /** Ends the snapshot {@code frozen} (from any thread); does nothing if it already ended. */
    void release(View<V> frozen) {
        if (frozen.releases() != 0) {
            REQUIRED.compareAndSet(this, frozen.releases(), 0);
        }
    }

    /** Whether a frozen snapshot is in flight (for tests). */
    boolean frozen() {
        return (int) REQUIRED.getAcquire(this) != 0;
    }

    /** Makes {@code e}'s value the live map's own: copies the entry path and the value when shared. */
    private V ownValue(Entry<V>[] tab, int bucket, Entry<V> e) {
        if (e.entryVersion < required) {
            e = ownChainTo(tab, bucket, e);
        }
        e.value = copier.apply(e.value);
        e.valueVersion = version;
        return e.value;
    }

    /**
     * Replaces the shared entries of a chain, from its head down to {@code target}, by copies linked into the
     * live bucket array; returns the live copy of {@code target}. Copies keep their successor, so the rest of the
     * chain (and any walk in progress) is unaffected.
     */
    private Entry<V> ownChainTo(Entry<V>[] tab, int bucket, Entry<V> target) {
        Entry<V> prev = null;
        for (Entry<V> e = tab[bucket]; ; e = e.next) {
            Entry<V> own = e;
            if (e.entryVersion < required) {
                own = new Entry<>(e.key, e.hash, e.value, e.next, version, e.valueVersion);
                if (prev == null) {
                    tab[bucket] = own;
                } else {
                    prev.next = own;
                }
            }
            if (e == target) {
                return own;
            }
            prev = own;
        }
    }

    /** Doubles the bucket array; shared entries are copied rather than relinked. */
    private void grow() {
        Entry<V>[] old = table;
        Entry<V>[] tab = newTable(old.length * 2);
        int mask = tab.length - 1;
        int req = required;
        for (Entry<V> head : old) {
            Entry<V> next;
            for (Entry<V> e = head; e != null; e = next) {
                next = e.next;
                Entry<V> own = e.entryVersion < req ? new Entry<>(e.key, e.hash, e.value, null, version, e.valueVersion) : e;
                int i = own.hash & mask;
                own.next = tab[i];
                tab[i] = own;
            }
        }
        table = tab;
        threshold = tab.length * 3 / 4;
    }

    /** The bits of a hash code that pick a bucket, with the high half folded in (as java.util.HashMap does). */
    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int capacity) {
        return (Entry<V>[]) new Entry[capacity];
    }

    @Override
    public String toString() {
        return "KeyGroupMap[size " + size + ", version " + version + ", required " + required + ", buckets "
                + table.length + "]";
    }
}
