package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
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

    private static final Codec<Long> LONGS = Codecs.longs();

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
        return section().out;
    }

    private Section section() {
        if (current == null) {
            throw new IllegalStateException("beginKeyGroup first");
        }
        return current;
    }

    /** Writes a value framed by its length. */
    public <T> void writeValue(Codec<T> codec, T value) throws IOException {
        if (codec == LONGS) { // the usual key: no call through the stream per value
            writeLongValue((Long) value);
            return;
        }
        Section section = section();
        DataOutputStream out = section.out;
        SectionBuffer buffer = section.buffer;
        int lengthAt = buffer.reserveInt();
        codec.encode(value, out);
        buffer.putIntAt(lengthAt, buffer.size() - lengthAt - 4);
    }

    /** Writes a {@code long} framed as a value: what {@link Codecs#longs()} framed by {@link #writeValue} writes. */
    public void writeLongValue(long value) {
        section().buffer.writeFramedLong(value);
    }

    /** Writes one byte into the current section (as {@code out().writeByte}, without the stream). */
    void writeByte(int b) {
        section().buffer.write(b);
    }

    /** The number of bytes in the current section so far. */
    int position() {
        return section().buffer.size();
    }

    /** Makes room for {@code bytes} more bytes in the current section at once (an expected size). */
    void reserve(int bytes) {
        section().buffer.reserve(bytes);
    }

    /** Inserts {@code bytes} into the current section at {@code position} (from {@link #position}). */
    void insert(int position, byte[] bytes) {
        section().buffer.insert(position, bytes);
    }

    /** The snapshot written; it may share the sections' arrays, so nothing is written after this. */
    public StateSnapshot toSnapshot() throws IOException {
        Map<Integer, byte[]> bytes = new TreeMap<>();
        for (Map.Entry<Integer, Section> e : sections.entrySet()) {
            bytes.put(e.getKey(), e.getValue().buffer.toByteArray());
        }
        return new StateSnapshot(maxKeyGroups, bytes);
    }
}
