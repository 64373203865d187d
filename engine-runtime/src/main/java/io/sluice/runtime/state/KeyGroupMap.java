package io.sluice.runtime.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The entries of one key group of a state table: a chained hash map with copy-on-write snapshots. The map
 * keeps the chains and the versions; what an entry holds, and how a value is kept for a snapshot while the
 * live one changes, is its table's business ({@link KeyedTable}, {@link KeyedLongTable}).
 *
 * <p><b>Freeze.</b> {@link #freeze()} bumps the map's version and copies its bucket array (one array copy, no
 * per-entry work): the copy and the entries reachable from it are the snapshot, which another thread reads
 * until it {@link #release releases} it. From then on:
 * <ul>
 *   <li>the chains the snapshot sees never change: removing an entry whose predecessor was created before the
 *       freeze first replaces that predecessor (and the shared entries before it) by copies in the live bucket
 *       array (path copying), and growing the bucket array copies the shared entries instead of relinking
 *       them; new entries go to the head of their chain, which the snapshot's array does not see;</li>
 *   <li>a value changes in its entry, not by copying the entry: the first change after the freeze of a value
 *       the snapshot sees puts the old value aside in the entry (its frozen slot), publishes the entry's value
 *       version with release ordering, then installs the new value; the snapshot's reader takes the frozen
 *       slot of an entry whose value version is at least the snapshot's ({@link Entry}).</li>
 * </ul>
 * So a checkpoint costs the worker one bucket-array copy per key group at the freeze and, per entry it changes
 * before the snapshot is written, one frozen-slot store (plus, for a value changed in place, a copy of the
 * value); no entry is copied unless it is unlinked past or the array grows. Once the snapshot is released, or
 * when none was ever taken, nothing is copied and the map costs what a {@link java.util.HashMap} costs.
 *
 * <p><b>Threads.</b> One owner thread calls everything but {@link #release}, which the thread that wrote the
 * snapshot calls. The checkpoint coordinator runs one checkpoint at a time, so one snapshot protects the map at
 * a time; a freeze while one is in flight (a finished tasklet's final snapshot, say) gets a snapshot of its own
 * that shares no entry and no value with the map ({@link #freeze}). {@link #required} is read without ordering
 * by the owner: a stale read can only see the snapshot in flight after it ended, which costs a needless copy.
 *
 * @param <E> the entry type
 */
final class KeyGroupMap<E extends KeyGroupMap.Entry<E>> {

    /**
     * A key, the link to the next entry of its chain, and the versions that say whether a snapshot sees it.
     * Subclasses hold the value and a frozen slot: for a snapshot of version {@code S} that sees the entry, the
     * value is the frozen slot when {@link #valueVersion} is at least {@code S}, else the live value. The owner
     * writes the frozen slot, then the value version (release), then the value (release); a reader reads the
     * value version (acquire), the value (acquire) and the value version again, see {@link #movedSince}.
     */
    abstract static class Entry<E extends Entry<E>> {
        private static final VarHandle VALUE_VERSION;

        static {
            try {
                VALUE_VERSION = MethodHandles.lookup().findVarHandle(Entry.class, "valueVersion", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Object key;
        final int hash;
        E next;
        /** The map version this entry object was created at: a snapshot of a later version may see it. */
        final int entryVersion;
        /** The map version the value was installed at, or last put aside at. */
        int valueVersion;

        Entry(Object key, int hash, E next, int entryVersion, int valueVersion) {
            this.key = key;
            this.hash = hash;
            this.next = next;
            this.entryVersion = entryVersion;
            this.valueVersion = valueVersion;
        }

        /** A copy for the live chain (path copying): same key, value, value version and successor. */
        abstract E copyAt(int version);

        /**
         * Whether the snapshot in flight ({@code required}, 0 if none) sees this entry and takes its live value:
         * then the value must be put aside before it changes.
         */
        final boolean liveValueFrozen(int required) {
            return valueVersion < required && entryVersion < required;
        }

        /** Owner: the value was put aside for the snapshot in flight; a new one follows (see the class comment). */
        final void publishMoved(int version) {
            VALUE_VERSION.setRelease(this, version);
        }

        /**
         * Reader of the snapshot of {@code version}: whether the value was put aside (then the frozen slot holds
         * the snapshot's value). Called before and after reading the live value: the live value read in between
         * is the snapshot's if neither call says so.
         */
        final boolean movedSince(int version) {
            return (int) VALUE_VERSION.getAcquire(this) >= version;
        }
    }

    /**
     * The entries of a map as of one freeze: a copy of its bucket array, and its size.
     *
     * @param version   the snapshot's version: its reader takes the frozen slot of an entry moved since
     * @param protects  whether the map protects this view until {@link #release} (false for a view that shares
     *                  nothing with the map)
     */
    record View<E>(E[] buckets, int size, int version, boolean protects) {
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

    /** A copy of an entry, with its live value copied, that no later change of the map reaches. */
    private final UnaryOperator<E> detach;
    private E[] table;
    private int size;
    private int threshold;
    /** Bumped by every freeze; entries created and values put aside now carry it. */
    private int version;
    /** The version of the snapshot in flight, 0 when there is none: entries and values older than it are shared. */
    private int required;

    /** @param detach copies an entry and its live value for a snapshot that shares nothing with the map */
    KeyGroupMap(UnaryOperator<E> detach) {
        this.detach = detach;
        this.table = newTable(MIN_CAPACITY);
        this.threshold = MIN_CAPACITY * 3 / 4;
    }

    int size() {
        return size;
    }

    /** The version new entries and put-aside values carry. */
    int version() {
        return version;
    }

    /** The version of the snapshot in flight, 0 when none (owner only). */
    int required() {
        return required;
    }

    /** The hash {@link #find} and {@link #insert} use for {@code key}. */
    static int hash(Object key) {
        int h = key.hashCode();
        return h ^ (h >>> 16); // the high half folded in, as java.util.HashMap does
    }

    /** The entry of {@code key} ({@code hash} from {@link #hash}), or {@code null}. */
    E find(Object key, int hash) {
        E[] tab = table;
        for (E e = tab[hash & (tab.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && (e.key == key || key.equals(e.key))) {
                return e;
            }
        }
        return null;
    }

    /** Adds an entry whose key is absent, created at {@link #version()}. */
    void insert(E entry) {
        if (size >= threshold) {
            grow();
        }
        E[] tab = table;
        int i = entry.hash & (tab.length - 1);
        entry.next = tab[i];
        tab[i] = entry;
        size++;
    }

    /** Removes {@code key}; true when it was there. */
    boolean remove(Object key, int hash) {
        E[] tab = table;
        int i = hash & (tab.length - 1);
        E prev = null;
        for (E e = tab[i]; e != null; prev = e, e = e.next) {
            if (e.hash == hash && (e.key == key || key.equals(e.key))) {
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

    /** Hands every live entry to {@code action}, which may change values but must not add or remove keys. */
    void forEach(Consumer<? super E> action) {
        E[] tab = table;
        for (E head : tab) {
            for (E e = head; e != null; e = e.next) {
                action.accept(e);
            }
        }
    }

    void clear() {
        table = newTable(MIN_CAPACITY); // the old array may be frozen: never cleared in place
        threshold = MIN_CAPACITY * 3 / 4;
        size = 0;
    }

    /**
     * Starts a snapshot: the returned view does not change until {@link #release}. Costs one copy of the bucket
     * array. While another snapshot is in flight the view is a deep copy instead (every entry, every value; the
     * snapshot in flight keeps its protection): at most one snapshot may use the frozen slots.
     */
    View<E> freeze() {
        if ((int) REQUIRED.getAcquire(this) != 0) {
            return detachedView();
        }
        if (++version == Integer.MAX_VALUE) {
            throw new IllegalStateException("a key group was snapshotted 2^31 times; restart the job from a checkpoint");
        }
        REQUIRED.setRelease(this, version);
        return new View<>(table.clone(), size, version, true);
    }

    /** Ends the snapshot {@code frozen} (from any thread, after its last read); does nothing if it already ended. */
    void release(View<E> frozen) {
        if (frozen.protects()) {
            REQUIRED.compareAndSet(this, frozen.version(), 0);
        }
    }

    /** Whether a frozen snapshot is in flight (for tests). */
    boolean frozen() {
        return (int) REQUIRED.getAcquire(this) != 0;
    }

    private View<E> detachedView() {
        E[] tab = table;
        E[] copy = newTable(tab.length);
        for (int i = 0; i < tab.length; i++) {
            E tail = null;
            for (E e = tab[i]; e != null; e = e.next) {
                E d = detach.apply(e);
                if (tail == null) {
                    copy[i] = d;
                } else {
                    tail.next = d;
                }
                tail = d;
            }
        }
        // no detached entry was ever moved (value version 0), so its reader takes every live value
        return new View<>(copy, size, Integer.MAX_VALUE, false);
    }

    /**
     * Replaces the shared entries of a chain, from its head down to {@code target}, by copies linked into the
     * live bucket array; returns the live copy of {@code target}. Copies keep their successor, so the rest of the
     * chain (and any walk in progress) is unaffected.
     */
    private E ownChainTo(E[] tab, int bucket, E target) {
        E prev = null;
        for (E e = tab[bucket]; ; e = e.next) {
            E own = e;
            if (e.entryVersion < required) {
                own = e.copyAt(version);
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
        E[] old = table;
        E[] tab = newTable(old.length * 2);
        int mask = tab.length - 1;
        int req = required;
        for (E head : old) {
            E next;
            for (E e = head; e != null; e = next) {
                next = e.next;
                E own = e.entryVersion < req ? e.copyAt(version) : e;
                int i = own.hash & mask;
                own.next = tab[i];
                tab[i] = own;
            }
        }
        table = tab;
        threshold = tab.length * 3 / 4;
    }

    @SuppressWarnings("unchecked")
    private static <E> E[] newTable(int capacity) {
        return (E[]) new Entry<?>[capacity];
    }

    @Override
    public String toString() {
        return "KeyGroupMap[size " + size + ", version " + version + ", required " + required + ", buckets "
                + table.length + "]";
    }
}
