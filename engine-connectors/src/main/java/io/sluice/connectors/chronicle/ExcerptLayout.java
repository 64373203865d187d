package io.sluice.connectors.chronicle;

import io.sluice.connectors.schema.SchemaId;
import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The layout of one record in a {@code chronicle:} queue: one excerpt per record, raw bytes, big-endian as
 * Chronicle Bytes writes them:
 *
 * <pre>
 *  0         1                         9                  11                 11+n
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 *  | version | write time              | schema length n  | schema (UTF-8,   | record (the codec's      |
 *  |  (1)    | (int64, epoch ms)       | (uint16, 0=none) | name:version)    | bytes, to the end)       |
 *  +---------+-------------------------+------------------+------------------+--------------------------+
 * </pre>
 *
 * The write time is when the sink appended the record (the source's event time and {@code from=<epoch-ms>}
 * use it); the schema is the writer's stamp ({@link SchemaId}). Stateless.
 */
final class ExcerptLayout {

    static final byte VERSION = 1;
    static final int HEADER_LENGTH = 11;

    private ExcerptLayout() {
    }

    /** Writes the header; the caller writes the record's bytes after it. */
    static void writeHeader(Bytes<?> bytes, long writeTime, byte[] schema) {
        bytes.writeByte(VERSION);
        bytes.writeLong(writeTime);
        bytes.writeUnsignedShort(schema == null ? 0 : schema.length);
        if (schema != null) {
            bytes.write(schema);
        }
    }

    /**
     * The header of the excerpt being read, leaving {@code bytes} at the start of the record's bytes; sets
     * {@link #problem} instead when the header is malformed.
     */
    static final class Reader {
        long writeTime;
        /** The schema stamp's bytes, or {@code null}. */
        byte[] schema;
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
            if (version != VERSION) {
                problem = "unknown excerpt version " + version;
                return false;
            }
            writeTime = bytes.readLong();
            int n = bytes.readUnsignedShort();
            if (n > bytes.readRemaining()) {
                problem = "excerpt schema of " + n + " bytes overruns the excerpt";
                return false;
            }
            if (n > 0) {
                schema = new byte[n];
                bytes.read(schema);
            }
            return true;
        }

        String schemaText() {
            return schema == null ? null : new String(schema, StandardCharsets.UTF_8);
        }
    }
}
