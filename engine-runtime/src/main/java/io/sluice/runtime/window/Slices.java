package io.sluice.runtime.window;

import io.sluice.api.aggregate.LongAccumulator;
import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The slices of one key (tumbling windows: the windows themselves): one accumulator per slice, sorted by slice
 * start. The first slice is held in fields and the others in arrays, so the usual key, with one open window,
 * costs one small object and is read without touching an array. A key rarely has more than a few open slices,
 * and in-order events hit the last one, so lookups scan from the end.
 *
 * <p>Two forms, so that neither carries the other's fields: {@link Boxed} holds accumulator objects;
 * {@link Longs} holds the long values of {@code LongAccumulator}s (counting, summing), which
 * {@link SlicedWindows} folds through a scratch accumulator. A window that fires then reads its key's slices
 * from one array instead of one accumulator object per slice, each allocated when its slice opened and so
 * anywhere in memory.
 */
abstract class Slices extends KeyWindows {

    /** Slice 0 lives in fields: most keys have one open slice, and then no array is touched at all. */
    private long start0;
    /** Slices 1, 2, ... at index - 1; {@code null} until a key has a second slice. */
    private long[] starts;
    int size;

    @Override
    boolean isEmpty() {
        return size == 0;
    }

    long start(int i) {
        return i == 0 ? start0 : starts[i - 1];
    }

    /** The index of the slice starting at {@code start}, or {@code -(insertion point) - 1}. */
    int indexOf(long start) {
        for (int i = size - 1; i >= 0; i--) {
            long s = start(i);
            if (s == start) {
                return i;
            }
            if (s < start) {
                return -(i + 1) - 1;
            }
        }
        return -1;
    }

    /** Drops the first {@code n} slices. */
    void removeFirst(int n) {
        if (n == 0) {
            return;
        }
        for (int i = 0; i + n < size; i++) {
            move(i + n, i);
        }
        forget(Math.max(size - n, 0), size);
        size -= n;
    }

    /** Makes index {@code at} free for a new slice starting at {@code start}, moving the later ones up. */
    void openAt(int at, long start) {
        if (size >= 1 && (starts == null || starts.length < size)) {
            int capacity = Math.max(2, size * 2);
            starts = starts == null ? new long[capacity] : Arrays.copyOf(starts, capacity);
            growAccumulators(capacity);
        }
        for (int i = size; i > at; i--) {
            move(i - 1, i);
        }
        size++;
        setStart(at, start);
    }

    /** Moves slice {@code from}'s start and accumulator to index {@code to}. */
    void move(int from, int to) {
        setStart(to, start(from));
    }

    /** Gives the accumulators of slices 1, 2, ... room for {@code capacity}. */
    abstract void growAccumulators(int capacity);

    /** Lets go of the accumulators at indexes {@code [from, to)}, which no longer hold a slice. */
    abstract void forget(int from, int to);

    private void setStart(int i, long start) {
        if (i == 0) {
            start0 = start;
        } else {
            starts[i - 1] = start;
        }
    }

    /** Slices of accumulator objects. */
    static final class Boxed extends Slices {
        private Object acc0;
        private Object[] accs;

        Object acc(int i) {
            return i == 0 ? acc0 : accs[i - 1];
        }

        void setAcc(int i, Object acc) {
            if (i == 0) {
                acc0 = acc;
            } else {
                accs[i - 1] = acc;
            }
        }

        /** Opens a slice at index {@code at}. */
        void insert(int at, long start, Object acc) {
            openAt(at, start);
            setAcc(at, acc);
        }

        @Override
        void move(int from, int to) {
            super.move(from, to);
            setAcc(to, acc(from));
        }

        @Override
        void growAccumulators(int capacity) {
            accs = accs == null ? new Object[capacity] : Arrays.copyOf(accs, capacity);
        }

        @Override
        void forget(int from, int to) {
            for (int i = from; i < to; i++) {
                setAcc(i, null);
            }
        }
    }

    /** Slices of {@code LongAccumulator} values, unboxed. */
    static final class Longs extends Slices {
        private long value0;
        private long[] values;

        long value(int i) {
            return i == 0 ? value0 : values[i - 1];
        }

        void setValue(int i, long value) {
            if (i == 0) {
                value0 = value;
            } else {
                values[i - 1] = value;
            }
        }

        /** Opens a slice at index {@code at}. */
        void insert(int at, long start, long value) {
            openAt(at, start);
            setValue(at, value);
        }

        @Override
        void move(int from, int to) {
            super.move(from, to);
            setValue(to, value(from));
        }

        @Override
        void growAccumulators(int capacity) {
            values = values == null ? new long[capacity] : Arrays.copyOf(values, capacity);
        }

        @Override
        void forget(int from, int to) {
            // nothing to let go of
        }
    }

    /**
     * The snapshot form of one key's slices, version {@value KeyWindows#LAYOUT_VERSION}:
     * <pre>
     *  0         1           9              17          21
     *  +---------+-----------+--------------+-----------+---------------------------------------------------+
     *  | version | timer i64 | timerSeq i64 | count i32 | count x { start i64, acc length i32, acc bytes }    |
     *  +---------+-----------+--------------+-----------+---------------------------------------------------+
     * </pre>
     * Accumulators are written with the aggregation's own codec.
     */
    static final class SlicesCodec implements Codec<KeyWindows> {
        private final Codec<Object> accCodec;
        private final boolean unboxed;

        /** @param unboxed whether the slices are {@link Longs}, and {@code accCodec} is {@code LongAccumulator}'s */
        SlicesCodec(Codec<Object> accCodec, boolean unboxed) {
            this.accCodec = accCodec;
            this.unboxed = unboxed;
        }

        @Override
        public Class<KeyWindows> type() {
            return KeyWindows.class;
        }

        @Override
        public void encode(KeyWindows value, OutputStream out) throws IOException {
            Slices s = (Slices) value;
            DataOutputStream data = new DataOutputStream(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeLong(s.timer);
            data.writeLong(s.timerSeq);
            data.writeInt(s.size);
            for (int i = 0; i < s.size; i++) {
                data.writeLong(s.start(i));
                // An unboxed slice is written as its accumulator would be: the layout does not depend on the form.
                byte[] acc = accCodec.encode(s instanceof Longs l ? new LongAccumulator(l.value(i)) : ((Boxed) s).acc(i));
                data.writeInt(acc.length);
                data.write(acc);
            }
            data.flush();
        }

        @Override
        public KeyWindows decode(byte[] bytes, int offset, int length) throws IOException {
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
                checkVersion(in.get(), "window slice");
                Slices s = unboxed ? new Longs() : new Boxed();
                s.timer = in.getLong();
                s.timerSeq = in.getLong();
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 12) {
                    throw new IOException("corrupt window slice state: " + count + " slices");
                }
                for (int i = 0; i < count; i++) {
                    long start = in.getLong();
                    int accLength = in.getInt();
                    if (accLength < 0 || accLength > in.remaining()) {
                        throw new IOException("corrupt window slice state: accumulator of " + accLength + " bytes");
                    }
                    Object acc = accCodec.decode(bytes, in.position(), accLength);
                    in.position(in.position() + accLength);
                    if (s instanceof Longs l) {
                        l.insert(l.size, start, ((LongAccumulator) acc).get());
                    } else {
                        ((Boxed) s).insert(s.size, start, acc);
                    }
                }
                return s;
            } catch (BufferUnderflowException e) {
                throw new IOException("corrupt window slice state: truncated", e);
            }
        }
    }
}
