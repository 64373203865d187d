package io.sluice.connectors.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A {@link java.io.BufferedOutputStream} without its monitor: sink writers are owned by one worker thread, so
 * the lock taken on every {@code write} would be pure overhead on the hot path.
 *
 * <p><b>Thread safety:</b> none; use from one thread. {@link #close()} flushes, then closes the target unless
 * the stream was created with {@code closeTarget = false} (used for {@code System.out}).
 */
public final class UnsyncBufferedOutputStream extends OutputStream {

    private final OutputStream target;
    private final boolean closeTarget;
    private final byte[] buf;
    private int count;
    private boolean closed;

    public UnsyncBufferedOutputStream(OutputStream target, int bufferSize, boolean closeTarget) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.target = Objects.requireNonNull(target, "target");
        this.closeTarget = closeTarget;
        this.buf = new byte[bufferSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buf.length) {
            // Too large to be worth copying: push what is buffered, then write through.
            drain();
            target.write(b, off, len);
            return;
        }
        if (len > buf.length - count) {
            drain();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /** Writes the buffered bytes to the target without flushing the target. */
    private void drain() throws IOException {
        if (count > 0) {
            target.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            if (closeTarget) {
                target.close();
            }
        }
    }
}
