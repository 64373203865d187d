package io.sluice.connectors.chronicle;

import io.sluice.connectors.schema.SchemaId;
import java.nio.charset.StandardCharsets;
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
 * it); the schema is the writer's stamp ({@link SchemaId}). Readers accept both versions. Stateless.
 */
final class ExcerptLayout {

    static final byte VERSION = 1;
    static final byte VERSION_TAGGED = 2;
    static final int HEADER_LENGTH = 11;
    static final int TAGGED_HEADER_LENGTH = 15;

    private ExcerptLayout() {
    }

    /** Writes a version 1 header; the caller writes the record's bytes after it. */
    static void writeHeader(Bytes<?> bytes, long writeTime, byte[] schema) {
        bytes.writeByte(VERSION);
        bytes.writeLong(writeTime);
        writeSchema(bytes, schema);
    }

    /** Writes a version 2 header (with the writer's tag); the caller writes the record's bytes after it. */
    static void writeTaggedHeader(Bytes<?> bytes, long writeTime, int writerTag, byte[] schema) {
        bytes.writeByte(VERSION_TAGGED);
        bytes.writeLong(writeTime);
        bytes.writeInt(writerTag);
        writeSchema(bytes, schema);
    }

    private static void writeSchema(Bytes<?> bytes, byte[] schema) {
        bytes.writeUnsignedShort(schema == null ? 0 : schema.length);
        if (schema != null) {
            bytes.write(schema);
        }
    }

    /** Whether the excerpt {@code bytes} holds (read position at its start, left unchanged) is a version 2 one of {@code writerTag}. */
    static boolean isTaggedBy(Bytes<?> bytes, int writerTag) {
        long at = bytes.readPosition();
        return bytes.readRemaining() >= TAGGED_HEADER_LENGTH && bytes.readByte(at) == VERSION_TAGGED
                && bytes.readInt(at + 9) == writerTag;
    }

    /**
     * The header of the excerpt being read, leaving {@code bytes} at the start of the record's bytes; sets
     * {@link #problem} instead when the header is malformed.
     */
    static final class Reader {
        long writeTime;
        /** The schema stamp's bytes, or {@code null}; the same array as long as the stamp does not change. */
        byte[] schema;
        private byte[] lastSchema;
        String problem;

        /** Reads the header; {@code false} (with {@link #problem}) when it is malformed. */
        boolean read(Bytes<?> bytes) {
            problem = null;
            schema = null;
            if (bytes.readRemaining() < HEADER_LENGTH) {
                problem = "excerpt of " + bytes.readRemaining() + " bytes has no sluice header";
                return false;
            }
            byte version = bytes.readByte();
            if (version == VERSION_TAGGED) {
                if (bytes.readRemaining() < TAGGED_HEADER_LENGTH - 1) {
                    problem = "excerpt of " + (bytes.readRemaining() + 1) + " bytes has no sluice header";
                    return false;
                }
                writeTime = bytes.readLong();
                bytes.readSkip(4); // the writer tag: only the writer itself reads it back
            } else if (version == VERSION) {
                writeTime = bytes.readLong();
            } else {
                problem = "unknown excerpt version " + version;
                return false;
            }
            int n = bytes.readUnsignedShort();
            if (n > bytes.readRemaining()) {
                problem = "excerpt schema of " + n + " bytes overruns the excerpt";
                return false;
            }
            if (n > 0) {
                if (isLastSchema(bytes, n)) { // the usual case: every excerpt has the same stamp
                    bytes.readSkip(n);
                    schema = lastSchema;
                } else {
                    schema = new byte[n];
                    bytes.read(schema);
                    lastSchema = schema;
                }
            }
            return true;
        }

        private boolean isLastSchema(Bytes<?> bytes, int n) {
            byte[] last = lastSchema;
            if (last == null || last.length != n) {
                return false;
            }
            long at = bytes.readPosition();
            for (int i = 0; i < n; i++) {
                if (bytes.readByte(at + i) != last[i]) {
                    return false;
                }
            }
            return true;
        }

        String schemaText() {
            return schema == null ? null : new String(schema, StandardCharsets.UTF_8);
        }
    }
}
