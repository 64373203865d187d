package io.sluice.runtime.state;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer that a snapshot section is written into: no copy per value, and a length written
 * before a value can be patched once the value is written (see {@link StateWriter#writeValue}). Not
 * thread-safe.
 */
final class SectionBuffer extends OutputStream {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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

    /** Appends {@code v} framed as a value: its length 8 (4 bytes), then {@code v} (8 bytes), big-endian. */
    void writeFramedLong(long v) {
        ensure(12);
        int p = size;
        INT.set(buf, p, 8);
        LONG.set(buf, p + 4, v);
        size = p + 12;
    }

    int size() {
        return size;
    }

    /** Overwrites 4 bytes at {@code position} with {@code value}, big-endian. */
    void putIntAt(int position, int value) {
        INT.set(buf, position, value);
    }

    /** Makes room for {@code more} bytes at once (a size known in advance): grows to exactly what is needed. */
    void reserve(int more) {
        if (more > 0 && size + more > buf.length) {
            buf = Arrays.copyOf(buf, size + more);
        }
    }

    /** Inserts {@code bytes} at {@code position}, moving what follows. */
    void insert(int position, byte[] bytes) {
        if (position < 0 || position > size) {
            throw new IndexOutOfBoundsException("insert at " + position + " of " + size + " bytes");
        }
        ensure(bytes.length);
        System.arraycopy(buf, position, buf, position + bytes.length, size - position);
        System.arraycopy(bytes, 0, buf, position, bytes.length);
        size += bytes.length;
    }

    /** The bytes written: the buffer itself when it is exactly full (no copy), else a copy. Ends the use of this buffer. */
    byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
