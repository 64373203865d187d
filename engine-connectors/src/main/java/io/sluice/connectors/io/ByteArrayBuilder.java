package io.sluice.connectors.io;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer to encode into and read back without copying: {@link #array()} and {@link #size()}
 * expose the bytes written since the last {@link #reset()}. Used to re-encode one record at a time.
 *
 * <p><b>Thread safety:</b> none; use from one thread.
 */
public final class ByteArrayBuilder extends OutputStream {

    private byte[] buf;
    private int count;

    public ByteArrayBuilder(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int extra) {
        if (extra > buf.length - count) {
            int needed = Math.addExact(count, extra);
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** The backing array; valid bytes are {@code [0, size())}. Changes when the buffer grows. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return count;
    }

    /** Forgets the content, keeping the capacity. */
    public void reset() {
        count = 0;
    }

    /** Forgets everything after the first {@code size} bytes (e.g. a record whose encoding failed half-way). */
    public void truncate(int size) {
        java.util.Objects.checkIndex(size, count + 1);
        count = size;
    }

    /**
     * Moves the bytes from {@code from} to the end {@code by} places further, growing the buffer, so that
     * {@code [from, from + by)} can be overwritten (e.g. with a length that turned out longer than reserved).
     */
    public void openGap(int from, int by) {
        java.util.Objects.checkIndex(from, count + 1);
        ensure(by);
        System.arraycopy(buf, from, buf, from + by, count - from);
        count += by;
    }
}
