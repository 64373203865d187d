package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import java.io.IOException;
import java.io.OutputStream;

/** A mutable {@code double} sum: updating it allocates nothing. */
public final class DoubleAccumulator {

    /** The IEEE 754 bits, 8 bytes, big-endian. */
    public static final Codec<DoubleAccumulator> CODEC = new Codec<>() {
        @Override
        public Class<DoubleAccumulator> type() {
            return DoubleAccumulator.class;
        }

        @Override
        public void encode(DoubleAccumulator value, OutputStream out) throws IOException {
            Codecs.doubles().encode(value.value, out);
        }

        @Override
        public DoubleAccumulator decode(byte[] bytes, int offset, int length) throws IOException {
            return new DoubleAccumulator(Codecs.doubles().decode(bytes, offset, length));
        }

        @Override
        public DoubleAccumulator copy(DoubleAccumulator value) {
            return new DoubleAccumulator(value.value);
        }
    };

    private double value;

    public DoubleAccumulator() {
    }

    public DoubleAccumulator(double value) {
        this.value = value;
    }

    public double get() {
        return value;
    }

    public void add(double delta) {
        value += delta;
    }

    @Override
    public String toString() {
        return Double.toString(value);
    }
}
