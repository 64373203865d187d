package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects an operator's snapshot, one byte section per key group. Values go through explicit codecs, each
 * framed by its length (4 bytes, big-endian), so a reader can skip or check them. Values are encoded straight
 * into the section's buffer (the length is patched in afterwards): a snapshot of a million entries allocates
 * nothing per entry here. Not thread-safe.
 */
public final class StateWriter {

    private final Map<Integer, Section> sections = new TreeMap<>();
    private final int maxKeyGroups;
    private Section current;

    private static final class Section {
        final SectionBuffer buffer = new SectionBuffer(256);
        final DataOutputStream out = new DataOutputStream(buffer);
    }

    /** A writer for an operator whose keys are divided into {@code maxKeyGroups} groups. */
    public StateWriter(int maxKeyGroups) {
        this.maxKeyGroups = maxKeyGroups;
    }

    /** Starts (or continues) the section of key group {@code keyGroup}; {@link StateSnapshot#OPERATOR_STATE} for non-keyed state. */
    public void beginKeyGroup(int keyGroup) {
        current = sections.computeIfAbsent(keyGroup, k -> new Section());
    }

    /** The raw stream of the current section. */
    public DataOutputStream out() {
        if (current == null) {
            throw new IllegalStateException("beginKeyGroup first");
        }
        return current.out;
    }

    /** Writes a value framed by its length. */
    public <T> void writeValue(Codec<T> codec, T value) throws IOException {
        DataOutputStream out = out();
        SectionBuffer buffer = current.buffer;
        int lengthAt = buffer.reserveInt();
        codec.encode(value, out);
        buffer.putIntAt(lengthAt, buffer.size() - lengthAt - 4);
    }

    public StateSnapshot toSnapshot() throws IOException {
        Map<Integer, byte[]> bytes = new TreeMap<>();
        for (Map.Entry<Integer, Section> e : sections.entrySet()) {
            bytes.put(e.getKey(), e.getValue().buffer.toByteArray());
        }
        return new StateSnapshot(maxKeyGroups, bytes);
    }
}
