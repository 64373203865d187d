package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.runtime.op.KeyGroups;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What every named piece of keyed state shares, whatever its values ({@link KeyedTable} for objects,
 * {@link KeyedLongTable} for primitive longs): one {@link KeyGroupMap} per key group the operator instance owns,
 * frozen and released per key group, and the layout of a table's block inside a key group's section (see
 * {@link KeyedStateBackend}):
 * <pre>
 *   UTF   table name
 *   int   number of key classes C, then C x UTF class name   (keys are written with Codecs.forType)
 *   int   number of entries N, then N x { byte class index, value-framed key, value-framed value }
 * </pre>
 * Owned by one worker thread; a frozen snapshot is written and released by a checkpoint thread.
 *
 * @param <E> the entry type
 */
abstract class StateTable<E extends KeyGroupMap.Entry<E>> {

    private static final int MAX_KEY_CLASSES = 127;

    private final String name;
    private final int maxKeyGroups;
    private final KeyGroupMap<E>[] groups;
    /** Whether a snapshot was ever frozen (owner only). */
    private boolean everFrozen;
    /**
     * Bytes per entry and of the key-class list in the last block written, so that the next one's buffer is
     * sized at once, exactly when the block looks like the last one (then the section's bytes are handed on
     * without a copy). Only hints: written and read by checkpoint threads without ordering.
     */
    private int bytesPerEntryHint;
    private int classListBytesHint;

    @SuppressWarnings("unchecked")
    StateTable(String name, int maxKeyGroups, int firstKeyGroup, int endKeyGroup, UnaryOperator<E> detach) {
        this.name = name;
        this.maxKeyGroups = maxKeyGroups;
        this.groups = new KeyGroupMap[maxKeyGroups];
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            groups[kg] = new KeyGroupMap<>(detach);
        }
    }

    public String name() {
        return name;
    }

    /** The key group of {@code key}. */
    public int keyGroupOf(Object key) {
        return KeyGroups.keyGroup(key, maxKeyGroups);
    }

    /** Whether this instance owns {@code keyGroup}. */
    public boolean owns(int keyGroup) {
        return keyGroup >= 0 && keyGroup < maxKeyGroups && groups[keyGroup] != null;
    }

    /** Removes {@code key}; true when it was there. */
    public boolean remove(Object key) {
        return remove(key, keyGroupOf(key));
    }

    public boolean remove(Object key, int keyGroup) {
        return group(keyGroup).remove(key, KeyGroupMap.hash(key));
    }

    /** Number of keys held. */
    public long size() {
        long n = 0;
        for (KeyGroupMap<E> g : groups) {
            n += g == null ? 0 : g.size();
        }
        return n;
    }

    /** Drops every entry. */
    public void clear() {
        for (KeyGroupMap<E> g : groups) {
            if (g != null) {
                g.clear();
            }
        }
    }

    final KeyGroupMap<E> group(int keyGroup) {
        KeyGroupMap<E> g = groups[keyGroup];
        if (g == null) {
            throw new IllegalStateException("key group " + keyGroup + " is not owned by this instance (table " + name + ")");
        }
        return g;
    }

    /** Whether a snapshot was ever frozen: until then no value was ever copied or put aside. */
    final boolean everFrozen() {
        return everFrozen;
    }

    /** Freezes one owned key group for a snapshot ({@code null} when it is empty: nothing to write or protect). */
    final KeyGroupMap.View<E> freeze(int keyGroup) {
        KeyGroupMap<E> g = groups[keyGroup];
        if (g.size() == 0) {
            return null;
        }
        everFrozen = true;
        return g.freeze();
    }

    /** Ends the snapshot of a key group frozen by {@link #freeze(int)}; any thread. */
    final void release(int keyGroup, KeyGroupMap.View<E> frozen) {
        groups[keyGroup].release(frozen);
    }

    /**
     * Writes the value {@code entry} holds in the snapshot of {@code version} ({@link KeyGroupMap.Entry}), framed
     * as a value, and drops the entry's reference to a put-aside value that only this snapshot needed.
     */
    abstract void writeValue(E entry, int version, StateWriter writer) throws IOException;

    /** Reads one framed value of {@code key} and puts it into this table. */
    abstract void readValue(Object key, int keyGroup, StateReader reader) throws IOException;

    /**
     * Writes a frozen key group's block, in one walk over its entries (a walk over scattered entries costs more
     * than the bytes): the key classes are collected on the way and their list is inserted before the entries at
     * the end.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    final void write(KeyGroupMap.View<E> view, StateWriter writer) throws IOException {
        DataOutputStream out = writer.out();
        out.writeUTF(name);
        int classesAt = writer.position();
        writer.reserve((int) Math.min(1 << 30, 4 + (long) view.size() * bytesPerEntryHint + classListBytesHint));
        out.writeInt(view.size());
        int entriesAt = writer.position();
        List<Class<?>> classes = new ArrayList<>(1);
        Map<Class<?>, Integer> classIndex = new HashMap<>();
        List<Codec> keyCodecs = new ArrayList<>(1);
        Class<?> lastClass = null;
        Codec keyCodec = null;
        int c = 0;
        int written = 0;
        for (E head : view.buckets()) {
            for (E e = head; e != null; e = e.next) {
                Class<?> keyClass = e.key.getClass();
                if (keyClass != lastClass) { // keys are almost always of one class
                    Integer known = classIndex.get(keyClass);
                    if (known == null) {
                        if (classes.size() == MAX_KEY_CLASSES) {
                            throw new IOException("table " + name + " holds keys of more than " + MAX_KEY_CLASSES + " classes");
                        }
                        known = classes.size();
                        classIndex.put(keyClass, known);
                        classes.add(keyClass);
                        keyCodecs.add(Codecs.forType(keyClass));
                    }
                    c = known;
                    keyCodec = keyCodecs.get(c);
                    lastClass = keyClass;
                }
                writer.writeByte(c);
                writer.writeValue(keyCodec, e.key);
                writeValue(e, view.version(), writer);
                written++;
            }
        }
        if (written != view.size()) {
            throw new IllegalStateException("table " + name + ": a snapshot view of " + view.size() + " entries holds "
                    + written + " (was the table changed while it was written?)");
        }
        bytesPerEntryHint = written == 0 ? 0 : (writer.position() - entriesAt) / written;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream headerOut = new DataOutputStream(header);
        headerOut.writeInt(classes.size());
        for (Class<?> k : classes) {
            headerOut.writeUTF(k.getName());
        }
        classListBytesHint = header.size();
        writer.insert(classesAt, header.toByteArray());
    }

    /** Reads the rest of a block whose name was already read. */
    @SuppressWarnings("rawtypes")
    final void read(int keyGroup, StateReader reader, ClassLoader loader) throws IOException {
        if (!owns(keyGroup)) {
            throw new IOException("state of key group " + keyGroup + " handed to an instance that does not own it");
        }
        DataInputStream in = reader.in();
        int classCount = in.readInt();
        Codec[] keyCodecs = new Codec[classCount];
        for (int i = 0; i < classCount; i++) {
            String className = in.readUTF();
            try {
                keyCodecs[i] = Codecs.forType(Class.forName(className, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IOException("table " + name + " holds keys of unknown class " + className, e);
            }
        }
        int entries = in.readInt();
        for (int i = 0; i < entries; i++) {
            int c = in.readByte();
            if (c < 0 || c >= classCount) {
                throw new IOException("table " + name + ": corrupt key class index " + c + " in key group " + keyGroup);
            }
            Object key = reader.readValue(keyCodecs[c]);
            if (KeyGroups.keyGroup(key, maxKeyGroups) != keyGroup) {
                throw new IOException("table " + name + ": key " + key + " is stored under key group " + keyGroup
                        + " but belongs to " + KeyGroups.keyGroup(key, maxKeyGroups) + " (did its hashCode change?)");
            }
            readValue(key, keyGroup, reader);
        }
    }
}
