package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The sessions of one key, sorted by start: first and last event time and the accumulator of each. Two
 * sessions of a key are always more than the gap apart (else they would have merged), so their last times
 * are sorted too.
 */
final class Sessions extends KeyWindows {

    long[] starts = new long[2];
    long[] lasts = new long[2];
    Object[] accs = new Object[2];
    int size;

    @Override
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Joins the span {@code [start, last]} (one event: {@code start == last}; a partial session of a two-stage
     * window: its first and last event) to the sessions it touches, {@code start - gap <= last' and
     * first' <= last + gap}: they merge into one, their accumulators combined, or a new session with
     * {@code op.create()} starts. Returns the index of the session that now covers the span.
     */
    int join(long start, long last, long gap, AggregateOp<Object, Object, Object> op) {
        // Sessions are sorted and more than the gap apart: those the span touches are a contiguous run.
        int hi = size - 1;
        while (hi >= 0 && starts[hi] - gap > last) {
            hi--;
        }
        int lo = hi + 1;
        while (lo > 0 && lasts[lo - 1] + gap >= start) {
            lo--;
        }
        if (lo > hi) {
            insert(lo, start, last, op.create());
            return lo;
        }
        Object acc = accs[lo];
        for (int m = lo + 1; m <= hi; m++) {
            acc = op.combine(acc, accs[m]);
        }
        accs[lo] = acc;
        starts[lo] = Math.min(starts[lo], start);
        lasts[lo] = Math.max(lasts[hi], last);
        remove(lo + 1, hi + 1);
        return lo;
    }

    void insert(int at, long start, long last, Object acc) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            lasts = Arrays.copyOf(lasts, size * 2);
            accs = Arrays.copyOf(accs, size * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, size - at);
        System.arraycopy(lasts, at, lasts, at + 1, size - at);
        System.arraycopy(accs, at, accs, at + 1, size - at);
        starts[at] = start;
        lasts[at] = last;
        accs[at] = acc;
        size++;
    }

    /** Removes the sessions at indexes {@code [from, to)}. */
    void remove(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        System.arraycopy(starts, to, starts, from, size - to);
        System.arraycopy(lasts, to, lasts, from, size - to);
        System.arraycopy(accs, to, accs, from, size - to);
        Arrays.fill(accs, size - n, size, null);
        size -= n;
    }

    /**
     * The snapshot form of one key's sessions, version {@value KeyWindows#LAYOUT_VERSION}:
     * <pre>
     *  0         1           9              17          21
     *  +---------+-----------+--------------+-----------+--------------------------------------------------------------+
     *  | version | timer i64 | timerSeq i64 | count i32 | count x { start i64, last i64, acc length i32, acc bytes }     |
     *  +---------+-----------+--------------+-----------+--------------------------------------------------------------+
     * </pre>
     */
    static final class SessionsCodec implements Codec<KeyWindows> {
        private final Codec<Object> accCodec;

        SessionsCodec(Codec<Object> accCodec) {
            this.accCodec = accCodec;
        }

        @Override
        public Class<KeyWindows> type() {
            return KeyWindows.class;
        }

        @Override
        public void encode(KeyWindows value, OutputStream out) throws IOException {
            Sessions s = (Sessions) value;
            DataOutputStream data = new DataOutputStream(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeLong(s.timer);
            data.writeLong(s.timerSeq);
            data.writeInt(s.size);
            for (int i = 0; i < s.size; i++) {
                data.writeLong(s.starts[i]);
                data.writeLong(s.lasts[i]);
                byte[] acc = accCodec.encode(s.accs[i]);
                data.writeInt(acc.length);
                data.write(acc);
            }
            data.flush();
        }

        @Override
        public KeyWindows decode(byte[] bytes, int offset, int length) throws IOException {
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
                checkVersion(in.get(), "session window");
                Sessions s = new Sessions();
                s.timer = in.getLong();
                s.timerSeq = in.getLong();
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 20) {
                    throw new IOException("corrupt session window state: " + count + " sessions");
                }
                for (int i = 0; i < count; i++) {
                    long start = in.getLong();
                    long last = in.getLong();
                    int accLength = in.getInt();
                    if (accLength < 0 || accLength > in.remaining()) {
                        throw new IOException("corrupt session window state: accumulator of " + accLength + " bytes");
                    }
                    Object acc = accCodec.decode(bytes, in.position(), accLength);
                    in.position(in.position() + accLength);
                    s.insert(s.size, start, last, acc);
                }
                return s;
            } catch (BufferUnderflowException e) {
                throw new IOException("corrupt session window state: truncated", e);
            }
        }
    }
}
