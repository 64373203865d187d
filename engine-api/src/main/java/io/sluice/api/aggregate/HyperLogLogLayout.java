package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The snapshot layout of a {@link HyperLogLog}, {@link HyperLogLog#CODEC}:
 * <pre>
 *  0             1             2          3
 *  +-------------+-------------+----------+--------------------------------------------------+
 *  | version = 1 | precision p | mode     | payload                                          |
 *  +-------------+-------------+----------+--------------------------------------------------+
 *
 *  mode 0, exact:  count int32, then count distinct 64-bit hashes, int64 BE each, ascending as signed
 *                  longs (so equal sketches have equal bytes); count is at most 2^p / 16
 *  mode 1, dense:  2^p register bytes, register 0 first; each at most 65 - p
 * </pre>
 * Version 1 also pins the key hash ({@code KeyHash}): a sketch restored from a snapshot must hash the keys it
 * sees next exactly as the one that wrote it, so a new hash needs a new version. Decoding checks every field
 * and throws an {@link IOException} naming the first one that a version-1 writer could not have written.
 */
final class HyperLogLogLayout implements Codec<HyperLogLog> {

    static final int VERSION_OFFSET = 0;
    static final int PRECISION_OFFSET = 1;
    static final int MODE_OFFSET = 2;
    static final int PAYLOAD_OFFSET = 3;

    private static final String WHAT = "HyperLogLog";

    @Override
    public Class<HyperLogLog> type() {
        return HyperLogLog.class;
    }

    @Override
    public void encode(HyperLogLog value, OutputStream out) throws IOException {
        DataOutputStream data = AccumulatorIO.data(out);
        data.writeByte(HyperLogLog.LAYOUT_VERSION);
        data.writeByte(value.p);
        if (value.isExact()) {
            data.writeByte(HyperLogLog.MODE_EXACT);
            long[] hashes = value.exactHashes();
            data.writeInt(hashes.length);
            for (long h : hashes) {
                data.writeLong(h);
            }
        } else {
            data.writeByte(HyperLogLog.MODE_DENSE);
            data.write(value.registers);
        }
    }

    @Override
    public HyperLogLog decode(byte[] bytes, int offset, int length) throws IOException {
        AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, WHAT);
        AccumulatorIO.checkVersion(in.readUnsignedByte(), HyperLogLog.LAYOUT_VERSION, WHAT);
        int p = in.readUnsignedByte();
        if (p < HyperLogLog.MIN_PRECISION || p > HyperLogLog.MAX_PRECISION) {
            throw new IOException(WHAT + ": precision " + p + " is outside [" + HyperLogLog.MIN_PRECISION + ", "
                    + HyperLogLog.MAX_PRECISION + "]");
        }
        HyperLogLog sketch = new HyperLogLog(p);
        int mode = in.readUnsignedByte();
        if (mode == HyperLogLog.MODE_EXACT) {
            int n = in.readCount(8);
            if (n > HyperLogLog.exactLimit(p)) {
                throw new IOException(WHAT + ": " + n + " exact hashes, more than the " + HyperLogLog.exactLimit(p)
                        + " of precision " + p);
            }
            for (int i = 0; i < n; i++) {
                long h = in.readLong();
                boolean isNew;
                if (h == 0) {
                    isNew = !sketch.hasZero;
                    sketch.hasZero = true;
                } else {
                    isNew = sketch.insert(h);
                }
                if (!isNew) {
                    throw new IOException(WHAT + ": hash " + h + " appears twice");
                }
            }
        } else if (mode == HyperLogLog.MODE_DENSE) {
            byte[] registers = new byte[1 << p];
            in.readFully(registers);
            for (byte r : registers) {
                if (r < 0 || r > 65 - p) {
                    throw new IOException(WHAT + ": register value " + r + " is impossible at precision " + p);
                }
            }
            sketch.table = null;
            sketch.registers = registers;
            sketch.histogram = HyperLogLog.histogramOf(registers);
        } else {
            throw new IOException(WHAT + ": unknown mode " + mode);
        }
        in.expectEnd();
        return sketch;
    }
}
