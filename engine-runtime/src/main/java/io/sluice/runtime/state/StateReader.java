package io.sluice.runtime.state;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads back a {@link StateSnapshot}, limited to the key groups one operator instance owns (plus operator
 * state). Iterate with {@link #nextSection()}; read a section until {@link #hasMore()} is false. Not thread-safe.
 */
public final class StateReader {

    private final Iterator<Map.Entry<Integer, byte[]>> sections;
    private int keyGroup;
    private ByteArrayInputStream bytes;
    private DataInputStream in;

    /**
     * Reads the key groups in [{@code fromKeyGroup}, {@code toKeyGroup}) and the operator state.
     *
     * @param maxKeyGroups the key groups of the operator being restored: must be those of the snapshot, since
     *                     a key's group depends on it
     * @throws IllegalArgumentException when the snapshot holds keyed state divided into other key groups
     */
    public StateReader(StateSnapshot snapshot, int fromKeyGroup, int toKeyGroup, int maxKeyGroups) {
        this(snapshot, fromKeyGroup, toKeyGroup, maxKeyGroups, true);
    }

    /**
     * @param withOperatorState whether this reader also yields the operator (non-keyed) state: after a merge of
     *                          several instances it goes to instance 0 only
     */
    public StateReader(StateSnapshot snapshot, int fromKeyGroup, int toKeyGroup, int maxKeyGroups, boolean withOperatorState) {
        boolean keyed = snapshot.keyGroups().keySet().stream().anyMatch(kg -> kg != StateSnapshot.OPERATOR_STATE);
        if (keyed && snapshot.maxKeyGroups() != maxKeyGroups) {
            throw new IllegalArgumentException("the snapshot's keyed state is divided into " + snapshot.maxKeyGroups()
                    + " key groups, the operator uses " + maxKeyGroups + ": the number of key groups cannot change on restore");
        }
        List<Map.Entry<Integer, byte[]>> owned = new ArrayList<>();
        for (Map.Entry<Integer, byte[]> e : snapshot.keyGroups().entrySet()) {
            int kg = e.getKey();
            if ((kg == StateSnapshot.OPERATOR_STATE && withOperatorState) || (kg >= fromKeyGroup && kg < toKeyGroup)) {
                owned.add(e);
            }
        }
        this.sections = owned.iterator();
    }

    /** Moves to the next section; false when there is none. */
    public boolean nextSection() {
        if (!sections.hasNext()) {
            return false;
        }
        Map.Entry<Integer, byte[]> e = sections.next();
        keyGroup = e.getKey();
        bytes = new ByteArrayInputStream(e.getValue());
        in = new DataInputStream(bytes);
        return true;
    }

    /** The key group of the current section. */
    public int keyGroup() {
        return keyGroup;
    }

    public boolean hasMore() {
        return bytes.available() > 0;
    }

    public DataInputStream in() {
        return in;
    }

    /** Reads a {@code long} written by {@link StateWriter#writeLongValue} (or a value of 8 bytes, big-endian). */
    public long readLongValue() throws IOException {
        int length = in.readInt();
        if (length != 8) {
            throw new IOException("corrupt state: a long value of " + length + " bytes in key group " + keyGroup);
        }
        return in.readLong();
    }

    /** Reads a value written by {@link StateWriter#writeValue}. */
    public <T> T readValue(Codec<T> codec) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > bytes.available()) {
            throw new IOException("corrupt state: value length " + length + " in key group " + keyGroup);
        }
        byte[] value = in.readNBytes(length);
        return codec.decode(value, 0, length);
    }
}
