package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.runtime.op.KeyGroups;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One named piece of keyed state: a value per key, stored in one {@link KeyGroupMap} per key group the operator
 * instance owns. Get and put cost a hash and a map access; callers that already know the key group (they
 * computed it to route or to look up another table) pass it and save the hash.
 *
 * <p><b>Values are changed in place</b> by their operators (accumulators, window state, buffers). That is safe
 * while a checkpoint writes a frozen snapshot of the table on another thread ({@link KeyedStateBackend#freeze}),
 * because {@link #get} and {@link #forEach} copy a value the snapshot still sees before handing it out (with the
 * codec's {@link Codec#copy}). So an operator must reach a value through the table at least once per call before
 * changing it: a reference kept from an earlier call may be the snapshot's, see {@link #current}.
 *
 * <p>Snapshot layout of one table inside a key group's section (see {@link KeyedStateBackend}):
 * <pre>
 *   UTF   table name
 *   int   number of key classes C, then C x UTF class name   (keys are written with Codecs.forType)
 *   int   number of entries N, then N x { byte class index, value-framed key, value-framed value }
 * </pre>
 * Owned by one worker thread; a frozen snapshot is written and released by a checkpoint thread.
 *
 * @param <V> the value type
 */
public final class KeyedTable<V> {

    private final String name;
    private final Codec<V> valueCodec;
    private final int maxKeyGroups;
    private final KeyGroupMap<V>[] groups;
    /** Whether a snapshot was ever frozen: until then no value was ever copied, so kept references stay current. */
    private boolean everFrozen;

    @SuppressWarnings("unchecked")
    KeyedTable(String name, Codec<V> valueCodec, int maxKeyGroups, int firstKeyGroup, int endKeyGroup) {
        this.name = name;
        this.valueCodec = valueCodec;
        this.maxKeyGroups = maxKeyGroups;
        this.groups = new KeyGroupMap[maxKeyGroups];
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            groups[kg] = new KeyGroupMap<>(valueCodec::copy);
        }
    }

    public String name() {
        return name;
    }

    /** The key group of {@code key}. */
    public int keyGroupOf(Object key) {
        return KeyGroups.keyGroup(key, maxKeyGroups);
    }

    /** The value of {@code key} (the caller may change it in place until its call ends), or {@code null}. */
    public V get(Object key) {
        return group(keyGroupOf(key)).get(key);
    }

    /** {@link #get(Object)} for a caller that knows the key's group. */
    public V get(Object key, int keyGroup) {
        return group(keyGroup).get(key);
    }

    /**
     * The value of {@code key} for a caller that kept {@code held} from an earlier call (e.g. in a timer heap, to
     * spare a lookup): {@code held} itself while no snapshot was ever taken, else the value looked up again (a
     * snapshot may have made {@code held} the frozen copy), {@code null} if the key is gone by then. Callers
     * check that the value is still the one they meant, as they would with {@code held}.
     */
    public V current(Object key, int keyGroup, V held) {
        return everFrozen ? group(keyGroup).get(key) : held;
    }

    public void put(Object key, V value) {
        group(keyGroupOf(key)).put(key, value);
    }

    public void put(Object key, int keyGroup, V value) {
        group(keyGroup).put(key, value);
    }

    /** Removes {@code key}; true when it was there. */
    public boolean remove(Object key) {
        return group(keyGroupOf(key)).remove(key);
    }

    public boolean remove(Object key, int keyGroup) {
        return group(keyGroup).remove(key);
    }

    /**
     * Hands every entry of an owned key group to {@code action} (e.g. to fire timers or rebuild a heap), the value
     * ready to be changed in place. The action must not add or remove keys of this table.
     */
    public void forEach(int keyGroup, BiConsumer<Object, ? super V> action) {
        group(keyGroup).forEach(action);
    }

    /** Whether this instance owns {@code keyGroup}. */
    public boolean owns(int keyGroup) {
        return keyGroup >= 0 && keyGroup < maxKeyGroups && groups[keyGroup] != null;
    }

    /** Number of keys held. */
    public long size() {
        long n = 0;
        for (KeyGroupMap<V> g : groups) {
            n += g == null ? 0 : g.size();
        }
        return n;
    }

    /** Drops every entry. */
    public void clear() {
        for (KeyGroupMap<V> g : groups) {
            if (g != null) {
                g.clear();
            }
        }
    }

    private KeyGroupMap<V> group(int keyGroup) {
        KeyGroupMap<V> g = groups[keyGroup];
        if (g == null) {
            throw new IllegalStateException("key group " + keyGroup + " is not owned by this instance (table " + name + ")");
        }
        return g;
    }

    int maxKeyGroups() {
        return maxKeyGroups;
    }

    /** Freezes one owned key group for a snapshot ({@code null} when it is empty: nothing to write or protect). */
    KeyGroupMap.View<V> freeze(int keyGroup) {
        KeyGroupMap<V> g = groups[keyGroup];
        if (g.size() == 0) {
            return null;
        }
        everFrozen = true;
        return g.freeze();
    }

    /** Ends the snapshot of a key group frozen by {@link #freeze(int)}; any thread. */
    void release(int keyGroup, KeyGroupMap.View<V> frozen) {
        groups[keyGroup].release(frozen);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void write(KeyGroupMap.View<V> view, StateWriter writer) throws IOException {
        DataOutputStream out = writer.out();
        out.writeUTF(name);
        List<Class<?>> classes = new ArrayList<>();
        Map<Class<?>, Integer> classIndex = new HashMap<>();
        Class<?> last = null;
        for (KeyGroupMap.Entry<V> head : view.buckets()) {
            for (KeyGroupMap.Entry<V> e = head; e != null; e = e.next) {
                Class<?> c = e.key.getClass();
                if (c != last && !classIndex.containsKey(c)) { // keys are almost always of one class
                    classIndex.put(c, classes.size());
                    classes.add(c);
                }
                last = c;
            }
        }
        if (classes.size() > 127) {
            throw new IOException("table " + name + " holds keys of more than 127 classes");
        }
        out.writeInt(classes.size());
        for (Class<?> c : classes) {
            out.writeUTF(c.getName());
        }
        Codec[] keyCodecs = new Codec[classes.size()];
        for (int i = 0; i < keyCodecs.length; i++) {
            keyCodecs[i] = Codecs.forType(classes.get(i));
        }
        out.writeInt(view.size());
        Class<?> lastClass = null;
        int c = 0;
        int written = 0;
        for (KeyGroupMap.Entry<V> head : view.buckets()) {
            for (KeyGroupMap.Entry<V> e = head; e != null; e = e.next) {
                Class<?> keyClass = e.key.getClass();
                if (keyClass != lastClass) {
                    c = classIndex.get(keyClass);
                    lastClass = keyClass;
                }
                out.writeByte(c);
                writer.writeValue(keyCodecs[c], e.key);
                writer.writeValue(valueCodec, e.value);
                written++;
            }
        }
        if (written != view.size()) {
            throw new IllegalStateException("table " + name + ": a snapshot view of " + view.size() + " entries holds "
                    + written + " (was the table changed while it was written?)");
        }
    }

    /** Reads the rest of a block whose name was already read. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void read(int keyGroup, StateReader reader, ClassLoader loader) throws IOException {
        KeyGroupMap<V> g = groups[keyGroup];
        if (g == null) {
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
            Object key = reader.readValue(keyCodecs[c]);
            if (KeyGroups.keyGroup(key, maxKeyGroups) != keyGroup) {
                throw new IOException("table " + name + ": key " + key + " is stored under key group " + keyGroup
                        + " but belongs to " + KeyGroups.keyGroup(key, maxKeyGroups) + " (did its hashCode change?)");
            }
            g.put(key, reader.readValue(valueCodec));
        }
    }
}
