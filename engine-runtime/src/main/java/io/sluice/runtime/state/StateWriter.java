package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects an operator's snapshot, one byte section per key group. Values go through explicit codecs, each
 * framed by its length (4 bytes, big-endian), so a reader can skip or check them. Not thread-safe.
 */
public final class StateWriter {

    private final Map<Integer, ByteArrayOutputStream> sections = new TreeMap<>();
    private final int maxKeyGroups;
    private DataOutputStream out;

    /** A writer for an operator whose keys are divided into {@code maxKeyGroups} groups. */
    public StateWriter(int maxKeyGroups) {
        this.maxKeyGroups = maxKeyGroups;
    }

    /** Starts (or continues) the section of key group {@code keyGroup}; {@link StateSnapshot#OPERATOR_STATE} for non-keyed state. */
    public void beginKeyGroup(int keyGroup) {
        ByteArrayOutputStream section = sections.computeIfAbsent(keyGroup, k -> new ByteArrayOutputStream(256));
        out = new DataOutputStream(section);
    }

    /** The raw stream of the current section. */
    public DataOutputStream out() {
        if (out == null) {
            throw new IllegalStateException("beginKeyGroup first");
        }
        return out;
    }

    /** Writes a value framed by its length. */
    public <T> void writeValue(Codec<T> codec, T value) throws IOException {
        byte[] bytes = codec.encode(value);
        out().writeInt(bytes.length);
        out.write(bytes);
    }

    public StateSnapshot toSnapshot() throws IOException {
        Map<Integer, byte[]> bytes = new TreeMap<>();
        for (Map.Entry<Integer, ByteArrayOutputStream> e : sections.entrySet()) {
            bytes.put(e.getKey(), e.getValue().toByteArray());
        }
        return new StateSnapshot(maxKeyGroups, bytes);
    }
}
