package io.sluice.jobs.nexmark;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * A binary codec for the small all-{@code long} records the NEXMark jobs keep in state: the fields as
 * {@code n} big-endian longs, 8n bytes, no header. Used for snapshots only, so the {@code long[]} it
 * allocates per value costs nothing on the data path.
 *
 * @param <T> the record type
 */
final class LongFieldsCodec<T> implements Codec<T> {

    private final Class<T> type;
    private final int fields;
    private final Function<T, long[]> toFields;
    private final Function<long[], T> fromFields;

    LongFieldsCodec(Class<T> type, int fields, Function<T, long[]> toFields, Function<long[], T> fromFields) {
        this.type = type;
        this.fields = fields;
        this.toFields = toFields;
        this.fromFields = fromFields;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public void encode(T value, OutputStream out) throws IOException {
        byte[] bytes = new byte[fields * 8];
        long[] values = toFields.apply(value);
        for (int f = 0; f < fields; f++) {
            for (int i = 0; i < 8; i++) {
                bytes[f * 8 + i] = (byte) (values[f] >>> (56 - 8 * i));
            }
        }
        out.write(bytes);
    }

    @Override
    public T decode(byte[] bytes, int offset, int length) throws IOException {
        if (length != fields * 8) {
            throw new IOException(type.getSimpleName() + " needs " + fields * 8 + " bytes, got " + length);
        }
        long[] values = new long[fields];
        for (int f = 0; f < fields; f++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (bytes[offset + f * 8 + i] & 0xff);
            }
            values[f] = v;
        }
        return fromFields.apply(values);
    }
}
