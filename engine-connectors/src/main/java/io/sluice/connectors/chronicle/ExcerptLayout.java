package io.sluice.connectors.chronicle;

import io.sluice.connectors.schema.SchemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The layout of one record in a {@code chronicle:} queue: one excerpt per record, raw bytes, little-endian
 * (Chronicle Bytes writes in native order). Version 1, written by a plain sink:
 *
 * <pre>
 *  0         1                         9                  11                 11+n
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 *  | version | write time              | schema length n  | schema (UTF-8,   | record (the codec's      |
 *  |  (1)    | (int64, epoch ms)       | (uint16, 0=none) | name:version)    | bytes, to the end)       |
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 * </pre>
 *
 * Version 2, written by an exactly-once sink when it commits ({@link TransactionalChronicleSinkWriter}), adds the
 * writer's tag after the write time, so a commit torn by a crash can count what it already appended:
 *
 * <pre>
 *  0         1                   9                 13                 15               15+n
 *  +---------+-------------------+-----------------+------------------+----------------+----------------+
 *  | version | write time        | writer tag      | schema length n  | schema         | record         |
 *  |  (2)    | (int64, epoch ms) | (int32)         | (uint16, 0=none) | (UTF-8)        | (to the end)   |
 *  +---------+-------------------+-----------------+------------------+----------------+----------------+
 * </pre>
 *
 * The write time is when the sink wrote the record (the source's event time and {@code from=<epoch-ms>} use
 * it); the schema is the writer's stamp ({@link SchemaId}). Readers accept both versions.
 *
 * <p>On the hot path an excerpt is moved in one piece: a writer assembles header and record in a byte array
 * ({@link #header}, {@link #setWriteTime}) and appends it with one write, a reader takes the whole excerpt with
 * one read and parses the header from the array ({@link Reader#parse}); every call into Chronicle's bytes has
 * its own bounds and state checks, so fewer calls are faster. Stateless.
 */
final class ExcerptLayout {

    static final byte VERSION = 1;
    static final byte VERSION_TAGGED = 2;
    static final int HEADER_LENGTH = 11;
    static final int TAGGED_HEADER_LENGTH = 15;
    private static final int WRITE_TIME_OFFSET = 1;
    private static final int TAG_OFFSET = 9;

    private ExcerptLayout() {
    }

    /**
     * The header a writer puts before each record: version 1 without a tag ({@code tagged} false), version 2 with
     * {@code writerTag}; the write time is left 0 for {@link #setWriteTime}.
     */
    static byte[] header(boolean tagged, int writerTag, byte[] schema) {
        int n = schema == null ? 0 : schema.length;
        int fixed = tagged ? TAGGED_HEADER_LENGTH : HEADER_LENGTH;
        byte[] h = new byte[fixed + n];
        h[0] = tagged ? VERSION_TAGGED : VERSION;
        if (tagged) {
            putLittleEndian(h, TAG_OFFSET, writerTag, 4);
        }
        putLittleEndian(h, fixed - 2, n, 2);
        if (n > 0) {
            System.arraycopy(schema, 0, h, fixed, n);
        }
        return h;
    }

    /** Sets the write time of the excerpt that starts at {@code excerpt[0]} (its header written). */
    static void setWriteTime(byte[] excerpt, long writeTime) {
        putLittleEndian(excerpt, WRITE_TIME_OFFSET, writeTime, 8);
    }

    private static void putLittleEndian(byte[] a, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            a[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLittleEndian(byte[] a, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | (a[at + i] & 0xff);
        }
        return v;
    }

    /** Whether the excerpt {@code bytes} holds (read position at its start, left unchanged) is a version 2 one of {@code writerTag}. */
    static boolean isTaggedBy(Bytes<?> bytes, int writerTag) {
        long at = bytes.readPosition();
        return bytes.readRemaining() >= TAGGED_HEADER_LENGTH && bytes.readByte(at) == VERSION_TAGGED
                && bytes.readInt(at + TAG_OFFSET) == writerTag;
    }

    /**
     * Parses excerpt headers: {@link #parse} one held in an array, {@link #read} one in Chronicle bytes. After a
     * successful call {@link #writeTime}, {@link #recordOffset} and the schema stamp are set; otherwise
     * {@link #problem} says what is wrong. Not thread-safe; one per reader.
     */
    static final class Reader {
        long writeTime;
        /** Where the record's bytes start in the parsed array. */
        int recordOffset;
        String problem;
        private byte[] array;
        private int schemaOffset;
        private int schemaLength;
        private byte[] lastSchema;
        private byte[] scratch = new byte[256];

        /** Parses the excerpt in {@code a[off, off + len)}; {@code false} (with {@link #problem}) when malformed. */
        boolean parse(byte[] a, int off, int len) {
            problem = null;
            array = a;
            schemaLength = 0;
            if (len < HEADER_LENGTH) {
                problem = "excerpt of " + len + " bytes has no sluice header";
                return false;
            }
            byte version = a[off];
            int fixed;
            if (version == VERSION) {
                fixed = HEADER_LENGTH;
            } else if (version == VERSION_TAGGED) {
                fixed = TAGGED_HEADER_LENGTH;
                if (len < fixed) {
                    problem = "excerpt of " + len + " bytes has no sluice header";
                    return false;
                }
            } else {
                problem = "unknown excerpt version " + version;
                return false;
            }
            writeTime = getLittleEndian(a, off + WRITE_TIME_OFFSET, 8);
            int n = (int) getLittleEndian(a, off + fixed - 2, 2);
            if (n > len - fixed) {
                problem = "excerpt schema of " + n + " bytes overruns the excerpt";
                return false;
            }
            schemaOffset = off + fixed;
            schemaLength = n;
            recordOffset = off + fixed + n;
            return true;
        }

        /**
         * Parses the excerpt {@code bytes} holds from its read position, leaving that position at the start of the
         * record's bytes (a copy: for reads off the hot path).
         */
        boolean read(Bytes<?> bytes) {
            int len = (int) bytes.readRemaining();
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            long at = bytes.readPosition();
            bytes.read(scratch, 0, len);
            boolean ok = parse(scratch, 0, len);
            bytes.readPosition(ok ? at + recordOffset : at);
            return ok;
        }

        boolean hasSchema() {
            return schemaLength > 0;
        }

        /** Whether the stamp is exactly {@code stamp} (no allocation). */
        boolean schemaIs(byte[] stamp) {
            return stamp != null && Arrays.equals(array, schemaOffset, schemaOffset + schemaLength, stamp, 0, stamp.length);
        }

        /** The stamp's bytes, or {@code null}; the same array as long as the stamp does not change. */
        byte[] schema() {
            if (schemaLength == 0) {
                return null;
            }
            if (!schemaIs(lastSchema)) {
                lastSchema = Arrays.copyOfRange(array, schemaOffset, schemaOffset + schemaLength);
            }
            return lastSchema;
        }

        String schemaText() {
            return schemaLength == 0 ? null : new String(array, schemaOffset, schemaLength, StandardCharsets.UTF_8);
        }
    }
}
