package io.sluice.connectors.chronicle;

import io.sluice.connectors.schema.SchemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The layout of records in a {@code chronicle:} queue, raw bytes, little-endian (Chronicle Bytes writes in native
 * order). The first byte of every excerpt is its version; a reader refuses a version it does not know (a bad
 * excerpt, handled by the source's error policy) rather than guess. Four versions, two shapes:
 *
 * <p><b>A batch of records per excerpt</b> (versions 3 and 4, what the sink writes by default, {@code batch=N}
 * records at most): a header, then per record its length as an unsigned LEB128 varint (one byte below 128) and
 * its bytes. Version 3, written by a plain sink:
 *
 * <pre>
 *  0         1                   9                 13                 15               15+n
 *  +---------+-------------------+-----------------+------------------+----------------+-------------------------+
 *  | version | write time        | record count c  | schema length n  | schema (UTF-8, | c frames: length        |
 *  |  (3)    | (int64, epoch ms) | (int32, >= 1)   | (uint16, 0=none) | name:version)  | (varint) and the record |
 *  +---------+-------------------+-----------------+------------------+----------------+-------------------------+
 * </pre>
 *
 * Version 4, written by an exactly-once sink when it commits ({@link TransactionalChronicleSinkWriter}), adds the
 * writer's tag after the write time (so a commit torn by a crash can count the records it already appended):
 * {@code version (4) | write time | writer tag (int32) | record count | schema length | schema | frames}, the
 * fixed part 19 bytes. The frames must fill the excerpt exactly, {@code c} of them; otherwise the whole excerpt
 * is bad. Every record of a batch has the batch's write time and schema stamp. A record's position is the
 * excerpt's index and its offset in the batch ({@code index:offset}, from 0).
 *
 * <p><b>One record per excerpt</b> (versions 1 and 2, written with {@code batch=1}, and by Sluice before batches):
 *
 * <pre>
 *  0         1                         9                  11                 11+n
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 *  | version | write time              | schema length n  | schema (UTF-8,   | record (the codec's      |
 *  |  (1)    | (int64, epoch ms)       | (uint16, 0=none) | name:version)    | bytes, to the end)       |
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 * </pre>
 *
 * and version 2, the same with the writer's tag (int32) after the write time (fixed part 15 bytes).
 *
 * <p>The write time is when the sink took the record (for a batch: its first record; records wait in a batch
 * until it is full or the end of the worker's batch, see {@link ExcerptBatch}); the source's event time and
 * {@code from=<epoch-ms>} use it. The schema is the writer's stamp ({@link SchemaId}).
 *
 * <p>On the hot path an excerpt is moved in one piece: a writer assembles it in a byte array
 * ({@link ExcerptBatch}) and appends it with one write, a reader takes the whole excerpt with one read and parses
 * it from the array ({@link Reader#parse}); every call into Chronicle's bytes has its own bounds and state checks,
 * so fewer calls are faster. Stateless.
 */
final class ExcerptLayout {

    static final byte VERSION = 1;
    static final byte VERSION_TAGGED = 2;
    static final byte VERSION_BATCH = 3;
    static final byte VERSION_BATCH_TAGGED = 4;
    static final int HEADER_LENGTH = 11;
    static final int TAGGED_HEADER_LENGTH = 15;
    private static final int WRITE_TIME_OFFSET = 1;
    private static final int TAG_OFFSET = 9;

    private ExcerptLayout() {
    }

    static boolean isTagged(byte version) {
        return version == VERSION_TAGGED || version == VERSION_BATCH_TAGGED;
    }

    static boolean isBatch(byte version) {
        return version == VERSION_BATCH || version == VERSION_BATCH_TAGGED;
    }

    /** The length of the fixed part of the header of {@code version} (a known one), up to the schema. */
    static int fixedLength(byte version) {
        return HEADER_LENGTH + (isTagged(version) ? 4 : 0) + (isBatch(version) ? 4 : 0);
    }

    /** Where the record count of a batch excerpt of {@code version} is. */
    static int countOffset(byte version) {
        return fixedLength(version) - 6;
    }

    static byte version(boolean tagged, boolean batch) {
        return batch ? (tagged ? VERSION_BATCH_TAGGED : VERSION_BATCH) : (tagged ? VERSION_TAGGED : VERSION);
    }

    /**
     * The header a writer puts at the start of each excerpt: with a tag ({@code tagged}: {@code writerTag}) or not,
     * for a batch or one record; the write time (and a batch's count) are left 0 for {@link #setWriteTime} and
     * {@link #setCount}.
     */
    static byte[] header(boolean tagged, boolean batch, int writerTag, byte[] schema) {
        int n = schema == null ? 0 : schema.length;
        byte version = version(tagged, batch);
        int fixed = fixedLength(version);
        byte[] h = new byte[fixed + n];
        h[0] = version;
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

    /** Sets the record count of the batch excerpt that starts at {@code excerpt[0]} (its header written). */
    static void setCount(byte[] excerpt, int count) {
        putLittleEndian(excerpt, countOffset(excerpt[0]), count, 4);
    }

    /** The bytes of {@code v} as an unsigned LEB128 varint: 1 below 2^7, 2 below 2^14, ... 5 at most. */
    static int varintLength(int v) {
        return (38 - Integer.numberOfLeadingZeros(v | 1)) / 7;
    }

    /** Writes {@code v} (not negative) as an unsigned LEB128 varint at {@code a[at]}; returns the bytes written. */
    static int putVarint(byte[] a, int at, int v) {
        int i = at;
        while ((v & ~0x7f) != 0) {
            a[i++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        a[i++] = (byte) v;
        return i - at;
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

    /**
     * How many records of the excerpt {@code bytes} holds (read position at its start, left unchanged) were
     * appended by the exactly-once writer tagged {@code writerTag}: its count for a version 4 excerpt with that
     * tag, 1 for a version 2 one, otherwise 0.
     */
    static int recordsTaggedBy(Bytes<?> bytes, int writerTag) {
        long at = bytes.readPosition();
        if (bytes.readRemaining() < TAGGED_HEADER_LENGTH) {
            return 0;
        }
        byte version = bytes.readByte(at);
        if (!isTagged(version) || bytes.readInt(at + TAG_OFFSET) != writerTag) {
            return 0;
        }
        if (version == VERSION_TAGGED) {
            return 1;
        }
        return bytes.readRemaining() < fixedLength(version) ? 0 : bytes.readInt(at + countOffset(version));
    }

    /**
     * Parses excerpts: {@link #parse} one held in an array, {@link #read} the header of one in Chronicle bytes.
     * After a successful {@code parse}, {@link #writeTime}, {@link #count} and the schema stamp are set and
     * {@link #nextRecord} steps through the records; otherwise {@link #problem} says what is wrong. Not
     * thread-safe; one per reader.
     */
    static final class Reader {
        long writeTime;
        /** How many records the excerpt holds: 1 for versions 1 and 2. */
        int count;
        /** After {@link #nextRecord}: where the record's bytes start in the parsed array, and how many. */
        int recordOffset;
        int recordLength;
        String problem;
        private byte[] array;
        private boolean batch;
        private int next;
        private int end;
        private int schemaOffset;
        private int schemaLength;
        private byte[] lastSchema;
        private byte[] scratch = new byte[256];

        /**
         * Parses the excerpt in {@code a[off, off + len)}, a batch's frames included (they must fill it, as many as
         * its count); {@code false} (with {@link #problem}) when it is malformed or of an unknown version.
         */
        boolean parse(byte[] a, int off, int len) {
            problem = null;
            array = a;
            schemaLength = 0;
            count = 0;
            if (len < 1) {
                problem = "empty excerpt";
                return false;
            }
            byte version = a[off];
            if (version < VERSION || version > VERSION_BATCH_TAGGED) {
                problem = "unknown excerpt version " + version + " (this reader knows versions " + VERSION + " to "
                        + VERSION_BATCH_TAGGED + "; written by a newer Sluice, or not by Sluice)";
                return false;
            }
            int fixed = fixedLength(version);
            if (len < fixed) {
                problem = "excerpt of " + len + " bytes is too short for a version " + version + " header";
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
            next = off + fixed + n;
            end = off + len;
            batch = ExcerptLayout.isBatch(version);
            if (!batch) {
                count = 1;
                return true;
            }
            int c = (int) getLittleEndian(a, off + countOffset(version), 4);
            return checkFrames(c);
        }

        /** Whether {@code c} frames fill {@code [next, end)} exactly. */
        private boolean checkFrames(int c) {
            if (c < 1) {
                problem = "batch excerpt with a record count of " + c;
                return false;
            }
            int at = next;
            for (int i = 0; i < c; i++) {
                long v = 0;
                int shift = 0;
                while (true) {
                    if (at >= end || shift > 28) {
                        problem = "batch excerpt of " + c + " records is damaged at record " + i + " (bad length)";
                        return false;
                    }
                    byte b = array[at++];
                    v |= (long) (b & 0x7f) << shift;
                    if (b >= 0) {
                        break;
                    }
                    shift += 7;
                }
                if (v > end - at) {
                    problem = "batch excerpt of " + c + " records is damaged at record " + i + " (its " + v
                            + " bytes overrun the excerpt)";
                    return false;
                }
                at += (int) v;
            }
            if (at != end) {
                problem = "batch excerpt of " + c + " records has " + (end - at) + " bytes after the last one";
                return false;
            }
            count = c;
            return true;
        }

        /**
         * Moves to the next record of the parsed excerpt ({@link #recordOffset}, {@link #recordLength}); call it no
         * more than {@link #count} times per {@link #parse}.
         */
        void nextRecord() {
            if (!batch) {
                recordOffset = next;
                recordLength = end - next;
                next = end;
                return;
            }
            int at = next;
            byte b = array[at++];
            int v = b & 0x7f;
            for (int shift = 7; b < 0; shift += 7) {
                b = array[at++];
                v |= (b & 0x7f) << shift;
            }
            recordOffset = at;
            recordLength = v;
            next = at + v;
        }

        /**
         * Parses the header of the excerpt {@code bytes} holds from its read position (a copy: for reads off the
         * hot path), leaving that position unchanged.
         */
        boolean read(Bytes<?> bytes) {
            int len = (int) bytes.readRemaining();
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            long at = bytes.readPosition();
            bytes.read(scratch, 0, len);
            bytes.readPosition(at);
            return parse(scratch, 0, len);
        }

        /** Whether the parsed excerpt is a batch (version 3 or 4), whose records are named {@code index:offset}. */
        boolean isBatch() {
            return batch;
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
