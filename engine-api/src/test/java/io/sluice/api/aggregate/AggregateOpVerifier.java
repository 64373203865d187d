package io.sluice.api.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks the {@link AggregateOp} contract on one input sequence, the way the runtime will use an op:
 * <ul>
 *   <li>splitting the sequence into consecutive parts, accumulating each, and combining them in order (both
 *       bracketings, with empty parts among them) exports what accumulating the whole sequence exports;</li>
 *   <li>{@code combine} leaves {@code right} unchanged, also after the result accumulates more;</li>
 *   <li>encoding the accumulator mid-way, decoding it and going on ends where never stopping ends;</li>
 *   <li>a result exported mid-way is not changed by accumulating more.</li>
 * </ul>
 * Results are compared with {@code equals}.
 */
final class AggregateOpVerifier {

    private AggregateOpVerifier() {
    }

    /** Runs every check; returns the result of accumulating {@code items} in order. */
    static <T, A, R> R verify(AggregateOp<T, A, R> op, List<? extends T> items) {
        R expected = run(op, items);
        for (int cut : cuts(items.size())) {
            checkRestore(op, items, cut, expected);
            checkExportIsolation(op, items, cut);
            for (int cut2 : cuts(items.size())) {
                if (cut2 >= cut) {
                    checkCombine(op, items, cut, cut2, expected);
                }
            }
        }
        return expected;
    }

    /**
     * {@code rounds} times: cuts {@code items} at random into up to {@code maxParts} consecutive parts,
     * accumulates each, then combines random neighbours until one accumulator is left, sometimes through a
     * snapshot round trip; its export must equal the sequential one. This is how a sliding window combines
     * slices and a parallel aggregation combines partials, in any bracketing.
     */
    static <T, A, R> void verifyRandomMergeTrees(AggregateOp<T, A, R> op, List<? extends T> items, long seed,
                                                  int rounds, int maxParts) {
        R expected = run(op, items);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int round = 0; round < rounds; round++) {
            int parts = 1 + random.nextInt(maxParts);
            int[] bounds = new int[parts + 1];
            for (int i = 1; i < parts; i++) {
                bounds[i] = random.nextInt(items.size() + 1);
            }
            bounds[parts] = items.size();
            java.util.Arrays.sort(bounds);
            List<A> accs = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                accs.add(accumulate(op, op.create(), items.subList(bounds[i], bounds[i + 1])));
            }
            while (accs.size() > 1) {
                int i = random.nextInt(accs.size() - 1);
                A right = accs.remove(i + 1);
                A left = random.nextInt(4) == 0 ? roundTrip(op.accumulatorCodec(), accs.get(i)) : accs.get(i);
                accs.set(i, op.combine(left, right));
            }
            assertThat(op.export(accs.get(0))).as("round %d, %d parts cut at %s", round, parts,
                    java.util.Arrays.toString(bounds)).isEqualTo(expected);
        }
    }

    /** The export after accumulating {@code items} in order into a new accumulator. */
    static <T, A, R> R run(AggregateOp<T, A, R> op, List<? extends T> items) {
        return op.export(accumulate(op, op.create(), items));
    }

    static <T, A, R> A accumulate(AggregateOp<T, A, R> op, A acc, List<? extends T> items) {
        try {
            for (T item : items) {
                A next = op.accumulate(acc, item);
                assertThat(next).as("accumulate returned null").isNotNull();
                acc = next;
            }
            return acc;
        } catch (Exception e) {
            throw new AssertionError("accumulate failed", e);
        }
    }

    static <A> byte[] encode(Codec<A> codec, A acc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            codec.encode(acc, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes and decodes, with junk around the bytes so that a codec ignoring offset or length fails. */
    static <A> A roundTrip(Codec<A> codec, A acc) {
        byte[] bytes = encode(codec, acc);
        byte[] padded = new byte[bytes.length + 7];
        java.util.Arrays.fill(padded, (byte) 0x5a);
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        try {
            A decoded = codec.decode(padded, 3, bytes.length);
            assertThat(encode(codec, decoded)).as("re-encoding a decoded accumulator").hasSize(bytes.length);
            return decoded;
        } catch (IOException e) {
            throw new AssertionError("decode failed", e);
        }
    }

    private static <T, A, R> void checkCombine(AggregateOp<T, A, R> op, List<? extends T> items, int cut, int cut2,
                                               R expected) {
        List<? extends T> p1 = items.subList(0, cut);
        List<? extends T> p2 = items.subList(cut, cut2);
        List<? extends T> p3 = items.subList(cut2, items.size());
        Codec<A> codec = op.accumulatorCodec();

        // ((p1 + p2) + p3), checking that right is not changed, nor shared with the result
        A a = accumulate(op, op.create(), p1);
        A b = accumulate(op, op.create(), p2);
        A c = accumulate(op, op.create(), p3);
        byte[] bBefore = encode(codec, b);
        byte[] cBefore = encode(codec, c);
        A left = op.combine(op.combine(a, b), c);
        assertThat(op.export(left)).as("((%d) + (%d)) + (%d) items", cut, cut2 - cut, items.size() - cut2)
                .isEqualTo(expected);
        accumulate(op, left, items);
        assertThat(encode(codec, b)).as("combine changed its right accumulator").isEqualTo(bBefore);
        assertThat(encode(codec, c)).as("combine changed its right accumulator").isEqualTo(cBefore);

        // (p1 + (p2 + p3)), into a fresh accumulator as a window combining its slices would
        A a2 = accumulate(op, op.create(), p1);
        A b2 = accumulate(op, op.create(), p2);
        A c2 = accumulate(op, op.create(), p3);
        A right = op.combine(b2, c2);
        A window = op.combine(op.combine(op.create(), a2), right);
        assertThat(op.export(window)).as("(%d) + ((%d) + (%d)) items", cut, cut2 - cut, items.size() - cut2)
                .isEqualTo(expected);
    }

    private static <T, A, R> void checkRestore(AggregateOp<T, A, R> op, List<? extends T> items, int cut, R expected) {
        A acc = accumulate(op, op.create(), items.subList(0, cut));
        A restored = roundTrip(op.accumulatorCodec(), acc);
        assertThat(op.export(restored)).as("export right after restoring at %d", cut).isEqualTo(op.export(acc));
        A finished = accumulate(op, restored, items.subList(cut, items.size()));
        assertThat(op.export(finished)).as("restored after %d of %d items", cut, items.size()).isEqualTo(expected);
    }

    private static <T, A, R> void checkExportIsolation(AggregateOp<T, A, R> op, List<? extends T> items, int cut) {
        A acc = accumulate(op, op.create(), items.subList(0, cut));
        R early = op.export(acc);
        String before = String.valueOf(early);
        accumulate(op, acc, items.subList(cut, items.size()));
        A other = accumulate(op, op.create(), items);
        op.combine(acc, other);
        assertThat(String.valueOf(early)).as("a result exported after %d items changed later", cut).isEqualTo(before);
    }

    private static List<Integer> cuts(int n) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, n / 3, n / 2, 2 * n / 3, n - 1, n));
        cuts.removeIf(c -> c < 0 || c > n);
        return new ArrayList<>(cuts);
    }
}
