package io.sluice.runtime.state;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a snapshot section is written into: no copy per value, and a length written
 * before a value can be patched once the value is written (see {@link StateWriter#writeValue}). Not
 * thread-safe.
 */
final class SectionBuffer extends OutputStream {

    private byte[] buf;
    private int size;

    SectionBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Appends 4 zero bytes (a length to patch later) and returns where they are. */
    int reserveInt() {
        ensure(4);
        int at = size;
        size += 4;
        return at;
    }

    /** Appends {@code v}, 8 bytes, big-endian. */
    void writeLongDirect(long v) {
        ensure(8);
        byte[] b = buf;
        int p = size;
        for (int shift = 56; shift >= 0; shift -= 8) {
            b[p++] = (byte) (v >>> shift);
        }
        size = p;
    }

    int size() {
        return size;
    }

    /** Overwrites 4 bytes at {@code position} with {@code value}, big-endian. */
    void putIntAt(int position, int value) {
        buf[position] = (byte) (value >>> 24);
        buf[position + 1] = (byte) (value >>> 16);
        buf[position + 2] = (byte) (value >>> 8);
        buf[position + 3] = (byte) value;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
