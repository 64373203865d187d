package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;

/** A mutable {@code long}, the accumulator of counting and summing: updating it allocates nothing. */
public final class LongAccumulator {

    /** 8 bytes, big-endian. */
    public static final Codec<LongAccumulator> CODEC = new Codec<>() {
        @Override
        public Class<LongAccumulator> type() {
            return LongAccumulator.class;
        }

        @Override
        public void encode(LongAccumulator value, OutputStream out) throws IOException {
            io.sluice.api.codec.Codecs.writeLong(value.value, out);
        }

        @Override
        public LongAccumulator decode(byte[] bytes, int offset, int length) throws IOException {
            if (length != 8) {
                throw new IOException("LongAccumulator needs 8 bytes, got " + length);
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (bytes[offset + i] & 0xff);
            }
            return new LongAccumulator(v);
        }

        @Override
        public LongAccumulator copy(LongAccumulator value) {
            return new LongAccumulator(value.value);
        }
    };

    private long value;

    public LongAccumulator() {
    }

    public LongAccumulator(long value) {
        this.value = value;
    }

    public long get() {
        return value;
    }

    public void set(long value) {
        this.value = value;
    }

    public void add(long delta) {
        value += delta;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongAccumulator && ((LongAccumulator) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
