package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.StateSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary layout of one tasklet's snapshot file in a checkpoint directory ({@code t-<tasklet>.snap}).
 * Big-endian; strings are {@code DataOutput.writeUTF}.
 *
 * <pre>
 *   int    MAGIC (0x534C4350, "SLCP")
 *   short  FORMAT_VERSION
 *   long   checkpoint id
 *   int    tasklet index
 *   int    number of operator states S
 *   S x {  UTF   operator uid
 *          int   max key groups
 *          int   number of sections G
 *          G x { int key group (-1 = operator state), int length L, L bytes } }
 *   byte   1 if a source follows, else 0
 *   [ UTF source uid, int number of splits N, N x { int length L, L bytes (the source's split codec) } ]
 * </pre>
 *
 * The file's integrity is checked by the CRC-32C that the manifest records for it.
 */
public final class SnapshotFileFormat {

    public static final int MAGIC = 0x534C4350;
    public static final short FORMAT_VERSION = 1;

    private SnapshotFileFormat() {
    }

    public static void write(TaskletSnapshot s, long checkpointId, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeShort(FORMAT_VERSION);
        out.writeLong(checkpointId);
        out.writeInt(s.tasklet());
        out.writeInt(s.operatorStates().size());
        for (Map.Entry<String, StateSnapshot> e : s.operatorStates().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().maxKeyGroups());
            out.writeInt(e.getValue().keyGroups().size());
            for (Map.Entry<Integer, byte[]> g : e.getValue().keyGroups().entrySet()) {
                out.writeInt(g.getKey());
                out.writeInt(g.getValue().length);
                out.write(g.getValue());
            }
        }
        if (s.sourceUid() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeUTF(s.sourceUid());
            out.writeInt(s.sourceSplits().size());
            for (byte[] split : s.sourceSplits()) {
                out.writeInt(split.length);
                out.write(split);
            }
        }
    }

    /** What one file holds. */
    public record Contents(int tasklet, Map<String, StateSnapshot> states, String sourceUid, List<byte[]> splits) {
    }

    public static Contents read(DataInputStream in, String fileName) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(fileName + " is not a Sluice snapshot file");
        }
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new IOException(fileName + " has snapshot format " + version + "; this version reads " + FORMAT_VERSION);
        }
        in.readLong();
        int tasklet = in.readInt();
        int operators = in.readInt();
        Map<String, StateSnapshot> states = new LinkedHashMap<>();
        for (int i = 0; i < operators; i++) {
            String uid = in.readUTF();
            int maxKeyGroups = in.readInt();
            int sections = in.readInt();
            Map<Integer, byte[]> groups = new TreeMap<>();
            for (int g = 0; g < sections; g++) {
                int kg = in.readInt();
                groups.put(kg, readBytes(in, fileName));
            }
            states.put(uid, new StateSnapshot(maxKeyGroups, groups));
        }
        String sourceUid = null;
        List<byte[]> splits = new ArrayList<>();
        if (in.readByte() == 1) {
            sourceUid = in.readUTF();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                splits.add(readBytes(in, fileName));
            }
        }
        return new Contents(tasklet, states, sourceUid, splits);
    }

    private static byte[] readBytes(DataInputStream in, String fileName) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new IOException(fileName + ": corrupt length " + length);
        }
        return in.readNBytes(length);
    }
}
