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

/**
 * One named piece of keyed state: a value per key, stored in one hash map per key group the operator
 * instance owns. Get and put cost a hash and a map access; callers that already know the key group (they
 * computed it to route or to look up another table) pass it and save the hash.
 *
 * <p>Snapshot layout of one table inside a key group's section (see {@link KeyedStateBackend}):
 * <pre>
 *   UTF   table name
 *   int   number of key classes C, then C x UTF class name   (keys are written with Codecs.forType)
 *   int   number of entries N, then N x { byte class index, value-framed key, value-framed value }
 * </pre>
 * Owned by one worker thread.
 *
 * @param <V> the value type
 */
public final class KeyedTable<V> {

    private final String name;
    private final Codec<V> valueCodec;
    private final int maxKeyGroups;
    private final HashMap<Object, V>[] groups;

    @SuppressWarnings("unchecked")
    KeyedTable(String name, Codec<V> valueCodec, int maxKeyGroups, int firstKeyGroup, int endKeyGroup) {
        this.name = name;
        this.valueCodec = valueCodec;
        this.maxKeyGroups = maxKeyGroups;
        this.groups = new HashMap[maxKeyGroups];
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            groups[kg] = new HashMap<>();
        }
    }

    public String name() {
        return name;
    }

    /** The key group of {@code key}. */
    public int keyGroupOf(Object key) {
        return KeyGroups.keyGroup(key, maxKeyGroups);
    }

    public V get(Object key) {
        return group(keyGroupOf(key)).get(key);
    }

    /** {@link #get(Object)} for a caller that knows the key's group. */
    public V get(Object key, int keyGroup) {
        return group(keyGroup).get(key);
    }

    public void put(Object key, V value) {
        group(keyGroupOf(key)).put(key, value);
    }

    public void put(Object key, int keyGroup, V value) {
        group(keyGroup).put(key, value);
    }

    public V remove(Object key) {
        return group(keyGroupOf(key)).remove(key);
    }

    public V remove(Object key, int keyGroup) {
        return group(keyGroup).remove(key);
    }

    /** The map of one owned key group, for iteration (e.g. to fire timers or expire entries). */
    public Map<Object, V> keyGroup(int keyGroup) {
        return group(keyGroup);
    }

    /** Whether this instance owns {@code keyGroup}. */
    public boolean owns(int keyGroup) {
        return keyGroup >= 0 && keyGroup < maxKeyGroups && groups[keyGroup] != null;
    }

    /** Number of keys held. */
    public long size() {
        long n = 0;
        for (HashMap<Object, V> g : groups) {
            n += g == null ? 0 : g.size();
        }
        return n;
    }

    /** Drops every entry. */
    public void clear() {
        for (HashMap<Object, V> g : groups) {
            if (g != null) {
                g.clear();
            }
        }
    }

    private HashMap<Object, V> group(int keyGroup) {
        HashMap<Object, V> g = groups[keyGroup];
        if (g == null) {
            throw new IllegalStateException("key group " + keyGroup + " is not owned by this instance (table " + name + ")");
        }
        return g;
    }

    int maxKeyGroups() {
        return maxKeyGroups;
    }

    boolean isEmpty(int keyGroup) {
        HashMap<Object, V> g = groups[keyGroup];
        return g == null || g.isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void write(int keyGroup, StateWriter writer) throws IOException {
        HashMap<Object, V> g = groups[keyGroup];
        DataOutputStream out = writer.out();
        out.writeUTF(name);
        List<Class<?>> classes = new ArrayList<>();
        Map<Class<?>, Integer> classIndex = new HashMap<>();
        Class<?> last = null;
        for (Object key : g.keySet()) {
            Class<?> c = key.getClass();
            if (c != last && !classIndex.containsKey(c)) { // keys are almost always of one class
                classIndex.put(c, classes.size());
                classes.add(c);
            }
            last = c;
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
        out.writeInt(g.size());
        Class<?> lastClass = null;
        int c = 0;
        for (Map.Entry<Object, V> e : g.entrySet()) {
            Class<?> keyClass = e.getKey().getClass();
            if (keyClass != lastClass) {
                c = classIndex.get(keyClass);
                lastClass = keyClass;
            }
            out.writeByte(c);
            writer.writeValue(keyCodecs[c], e.getKey());
            writer.writeValue(valueCodec, e.getValue());
        }
    }

    /** Reads the rest of a block whose name was already read. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void read(int keyGroup, StateReader reader, ClassLoader loader) throws IOException {
        HashMap<Object, V> g = groups[keyGroup];
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
