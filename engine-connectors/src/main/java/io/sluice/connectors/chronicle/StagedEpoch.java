package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.connectors.io.ByteArrayBuilder;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.OutputStream;

/**
 * The records an exactly-once {@code chronicle:} writer staged in one checkpoint epoch, a file of frames,
 * big-endian, one per record in the order written:
 *
 * <pre>
 *  0                    4                         12
 *  +--------------------+-------------------------+---------------------------+
 *  | record length n    | write time              | record (the codec's bytes, |
 *  | (int32)            | (int64, epoch ms)       |  n bytes)                  |
 *  +--------------------+-------------------------+---------------------------+
 * </pre>
 *
 * {@link Writer} encodes records straight into a buffer that goes to the file in large writes; {@link Cursor}
 * reads the frames back in large reads. Neither is thread-safe.
 */
final class StagedEpoch {

    static final int FRAME_HEADER = 12;
    /** Bytes buffered before a write to the file. */
    static final int CHUNK = 1 << 20;

    private StagedEpoch() {
    }

    /** Appends frames to a new file. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final OutputStream out;
        private final ByteArrayBuilder buffer = new ByteArrayBuilder(CHUNK + 4096);
        private long records;

        Writer(Path file) throws IOException {
            this.file = file;
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        <T> void append(Codec<T> codec, T record, long writeTime) throws IOException {
            int at = buffer.size();
            buffer.write(ZEROS, 0, FRAME_HEADER);
            codec.encode(record, buffer);
            byte[] a = buffer.array(); // after encoding: the array may have grown
            putInt(a, at, buffer.size() - at - FRAME_HEADER);
            putLong(a, at + 4, writeTime);
            records++;
            if (buffer.size() >= CHUNK) {
                drain();
            }
        }

        long records() {
            return records;
        }

        Path file() {
            return file;
        }

        private void drain() throws IOException {
            out.write(buffer.array(), 0, buffer.size());
            buffer.reset();
        }

        /** Writes what is buffered and closes the file. */
        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                out.close();
            }
        }
    }

    private static final byte[] ZEROS = new byte[FRAME_HEADER];

    /**
     * Reads the frames of a staged file in order: {@link #next()} moves to the next frame, whose record is
     * {@code array()[offset(), offset() + length())}.
     */
    static final class Cursor implements AutoCloseable {
        private final InputStream in;
        private final Path file;
        private byte[] buf = new byte[CHUNK];
        private int start;
        private int end;
        private int recordOffset;
        private int recordLength;
        private long writeTime;

        Cursor(Path file) throws IOException {
            this.file = file;
            this.in = Files.newInputStream(file);
        }

        /** Moves to the next frame; {@code false} at the end of the file. */
        boolean next() throws IOException {
            if (!fill(FRAME_HEADER)) {
                return false;
            }
            int n = getInt(buf, start);
            if (n < 0) {
                throw new IOException(file + ": damaged frame (length " + n + ")");
            }
            writeTime = getLong(buf, start + 4);
            if (!fill(FRAME_HEADER + n)) {
                throw new EOFException(file + ": the last frame is cut short");
            }
            recordOffset = start + FRAME_HEADER;
            recordLength = n;
            start += FRAME_HEADER + n;
            return true;
        }

        byte[] array() {
            return buf;
        }

        int offset() {
            return recordOffset;
        }

        int length() {
            return recordLength;
        }

        long writeTime() {
            return writeTime;
        }

        /** Makes {@code need} bytes from {@code start} available; {@code false} at a clean end of file. */
        private boolean fill(int need) throws IOException {
            if (end - start >= need) {
                return true;
            }
            if (need > buf.length) {
                byte[] bigger = new byte[Math.max(need, buf.length * 2)];
                System.arraycopy(buf, start, bigger, 0, end - start);
                buf = bigger;
            } else {
                System.arraycopy(buf, start, buf, 0, end - start);
            }
            end -= start;
            start = 0;
            while (end < need) {
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    if (end == 0) {
                        return false;
                    }
                    throw new EOFException(file + ": the last frame is cut short");
                }
                end += r;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    static void putLong(byte[] a, int at, long v) {
        putInt(a, at, (int) (v >>> 32));
        putInt(a, at + 4, (int) v);
    }

    static int getInt(byte[] a, int at) {
        return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff);
    }

    static long getLong(byte[] a, int at) {
        return (long) getInt(a, at) << 32 | (getInt(a, at + 4) & 0xffffffffL);
    }
}
