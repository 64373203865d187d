package io.sluice.api.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Factory of the standard codecs.
 *
 * <p>The built-in binary codecs ({@link #longs()}, {@link #strings()}, ...) are fixed, big-endian layouts;
 * {@link #json(Class)} writes one JSON object per record (UTF-8, no trailing newline) and is the default
 * record encoding of every connector.
 */
public final class Codecs {

    private static final Map<String, CodecProvider> PROVIDERS = new ConcurrentHashMap<>();

    private Codecs() {
    }

    /** JSON via the {@code json} {@link CodecProvider} (Jackson, in {@code engine-connectors}). */
    public static <T> Codec<T> json(Class<T> type) {
        return provider("json").codec(type);
    }

    /** UTF-8 text, the bytes as they are. */
    public static Codec<String> strings() {
        return BuiltIn.STRING;
    }

    /** Raw bytes, unchanged. */
    public static Codec<byte[]> bytes() {
        return BuiltIn.BYTES;
    }

    /** 8 bytes, big-endian. */
    public static Codec<Long> longs() {
        return BuiltIn.LONG;
    }

    /** 4 bytes, big-endian. */
    public static Codec<Integer> ints() {
        return BuiltIn.INT;
    }

    /** IEEE 754 bits, 8 bytes, big-endian. */
    public static Codec<Double> doubles() {
        return BuiltIn.DOUBLE;
    }

    /**
     * The codec Sluice uses for a value whose codec the user did not name: the built-in binary codec for
     * {@code String}, {@code Long}, {@code Integer}, {@code Double} and {@code byte[]}, JSON for anything else.
     *
     * @throws IllegalStateException if no JSON provider is on the class path
     */
    @SuppressWarnings("unchecked")
    public static <T> Codec<T> forType(Class<T> type) {
        Codec<?> builtIn = BuiltIn.forType(type);
        return builtIn != null ? (Codec<T>) builtIn : json(type);
    }

    /**
     * Writes {@code v} as 8 bytes, big-endian, in one call on the stream (codecs of state write millions of
     * these per snapshot; a call per byte would dominate).
     */
    public static void writeLong(long v, OutputStream out) throws IOException {
        if (out instanceof java.io.DataOutput) {
            ((java.io.DataOutput) out).writeLong(v);
            return;
        }
        byte[] b = {(byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
                (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        out.write(b, 0, 8);
    }

    /** The provider of a format, loaded once with {@link ServiceLoader}. */
    public static CodecProvider provider(String format) {
        return PROVIDERS.computeIfAbsent(format, f -> {
            for (CodecProvider p : ServiceLoader.load(CodecProvider.class, Codecs.class.getClassLoader())) {
                if (p.format().equals(f)) {
                    return p;
                }
            }
            for (CodecProvider p : ServiceLoader.load(CodecProvider.class)) {
                if (p.format().equals(f)) {
                    return p;
                }
            }
            throw new IllegalStateException("No codec provider for format '" + f
                    + "' on the class path (the JSON one is in engine-connectors)");
        });
    }

    /** The binary codecs that need no library. */
    private static final class BuiltIn {
        static final Codec<String> STRING = new Fixed<>(String.class) {
            @Override
            public void encode(String value, OutputStream out) throws IOException {
                out.write(value.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String decode(byte[] bytes, int offset, int length) {
                return new String(bytes, offset, length, StandardCharsets.UTF_8);
            }
        };
        static final Codec<byte[]> BYTES = new Fixed<>(byte[].class) {
            @Override
            public void encode(byte[] value, OutputStream out) throws IOException {
                out.write(value);
            }

            @Override
            public byte[] decode(byte[] bytes, int offset, int length) {
                byte[] copy = new byte[length];
                System.arraycopy(bytes, offset, copy, 0, length);
                return copy;
            }

            @Override
            public byte[] copy(byte[] value) {
                return value.clone();
            }
        };
        static final Codec<Long> LONG = new Fixed<>(Long.class) {
            @Override
            public void encode(Long value, OutputStream out) throws IOException {
                writeLong(value, out);
            }

            @Override
            public Long decode(byte[] bytes, int offset, int length) throws IOException {
                checkLength(8, length);
                return readLong(bytes, offset);
            }
        };
        static final Codec<Integer> INT = new Fixed<>(Integer.class) {
            @Override
            public void encode(Integer value, OutputStream out) throws IOException {
                int v = value;
                out.write(v >>> 24);
                out.write(v >>> 16);
                out.write(v >>> 8);
                out.write(v);
            }

            @Override
            public Integer decode(byte[] bytes, int offset, int length) throws IOException {
                checkLength(4, length);
                return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16
                        | (bytes[offset + 2] & 0xff) << 8 | (bytes[offset + 3] & 0xff);
            }
        };
        static final Codec<Double> DOUBLE = new Fixed<>(Double.class) {
            @Override
            public void encode(Double value, OutputStream out) throws IOException {
                writeLong(Double.doubleToRawLongBits(value), out);
            }

            @Override
            public Double decode(byte[] bytes, int offset, int length) throws IOException {
                checkLength(8, length);
                return Double.longBitsToDouble(readLong(bytes, offset));
            }
        };

        static Codec<?> forType(Class<?> type) {
            if (type == String.class) {
                return STRING;
            } else if (type == Long.class || type == long.class) {
                return LONG;
            } else if (type == Integer.class || type == int.class) {
                return INT;
            } else if (type == Double.class || type == double.class) {
                return DOUBLE;
            } else if (type == byte[].class) {
                return BYTES;
            }
            return null;
        }

        static void writeLong(long v, OutputStream out) throws IOException {
            Codecs.writeLong(v, out);
        }

        static long readLong(byte[] b, int off) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (b[off + i] & 0xff);
            }
            return v;
        }

        static void checkLength(int expected, int actual) throws IOException {
            if (expected != actual) {
                throw new IOException("Expected " + expected + " bytes, got " + actual);
            }
        }
    }

    /** The built-in codecs; their types are immutable but for {@code byte[]}, which overrides {@link #copy}. */
    private abstract static class Fixed<T> implements Codec<T> {
        private final Class<T> type;

        Fixed(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public T copy(T value) {
            return value;
        }

        @Override
        public String toString() {
            return "Codec[" + type.getSimpleName() + "]";
        }
    }
}
