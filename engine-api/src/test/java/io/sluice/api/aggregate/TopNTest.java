package io.sluice.api.aggregate;

import static io.sluice.api.aggregate.AggregateOpVerifier.accumulate;
import static io.sluice.api.aggregate.AggregateOpVerifier.encode;
import static io.sluice.api.aggregate.AggregateOpVerifier.run;
import static io.sluice.api.aggregate.AggregateOpVerifier.verify;
import static io.sluice.api.aggregate.AggregateOpVerifier.verifyRandomMergeTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopNTest {

    private static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price);

    /** The model: a stable sort, greatest first, keeps equal items in arrival order; then the first n. */
    private static <T> List<T> reference(List<T> items, int n, Comparator<? super T> comparator) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(comparator.reversed());
        return sorted.subList(0, Math.min(n, sorted.size()));
    }

    @Test
    void keepsTheNGreatestBestFirstWithTiesInArrivalOrder() {
        List<Bid> bids = Bid.generate(400, 7);
        for (int n : new int[] {1, 2, 5, 17, 64, 400, 1000}) {
            List<Bid> expected = reference(bids, n, BY_PRICE);
            assertThat(verify(Aggregations.topN(n, BY_PRICE, Bid.CODEC), bids)).as("n = %d", n).isEqualTo(expected);
        }
    }

    @Test
    void combineIsAssociativeInAnyBracketingAcrossTies() {
        for (long seed = 0; seed < 20; seed++) {
            List<Bid> bids = Bid.generate(150, seed);
            int n = 1 + (int) (seed % 12);
            verifyRandomMergeTrees(Aggregations.topN(n, BY_PRICE, Bid.CODEC), bids, seed, 30, 8);
        }
    }

    @Test
    void equalItemsAreKeptInArrivalOrder() {
        List<String> items = List.of("a1", "b1", "a2", "c1", "b2", "a3", "c2");
        Comparator<String> byLetter = Comparator.comparing(s -> s.charAt(0)); // digits do not count
        AggregateOp<String, ?, List<String>> op = Aggregations.topN(4, byLetter, Codecs.strings());
        assertThat(verify(op, items)).containsExactly("c1", "c2", "b1", "b2");
        Comparator<String> allEqual = (a, b) -> 0;
        assertThat(verify(Aggregations.topN(3, allEqual, Codecs.strings()), items)).containsExactly("a1", "b1", "a2");
    }

    @Test
    void theLeastNWithAReversedComparator() {
        List<Integer> items = IntStream.range(0, 100).map(i -> (i * 37) % 100).boxed().collect(Collectors.toList());
        assertThat(run(Aggregations.topN(3, Comparator.<Integer>naturalOrder().reversed(), Codecs.ints()), items))
                .containsExactly(0, 1, 2);
    }

    @Test
    void memoryIsBoundedByN() {
        TopNOp<Bid> op = new TopNOp<>(5, BY_PRICE, Bid.CODEC);
        TopNAccumulator<Bid> acc = accumulate(op, op.create(), Bid.generate(10_000, 3));
        assertThat(acc.size()).isEqualTo(5);
        assertThat(acc.seen()).isEqualTo(10_000);
        assertThat(encode(op.accumulatorCodec(), acc)).hasSize(1 + 8 + 4 + 5 * (8 + 4 + 32));
    }

    @Test
    void exportIsAnUnmodifiableCopy() {
        List<Bid> result = run(Aggregations.topN(3, BY_PRICE, Bid.CODEC), Bid.generate(10, 1));
        assertThatThrownBy(() -> result.add(result.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSnapshotRestoresIntoATopNOfAnotherSize() throws Exception {
        List<Bid> bids = Bid.generate(200, 11);
        TopNOp<Bid> ten = new TopNOp<>(10, BY_PRICE, Bid.CODEC);
        byte[] snapshot = encode(ten.accumulatorCodec(), accumulate(ten, ten.create(), bids));

        TopNOp<Bid> three = new TopNOp<>(3, BY_PRICE, Bid.CODEC);
        assertThat(three.export(three.accumulatorCodec().decode(snapshot))).isEqualTo(reference(bids, 3, BY_PRICE));
        TopNOp<Bid> twenty = new TopNOp<>(20, BY_PRICE, Bid.CODEC);
        assertThat(twenty.export(twenty.accumulatorCodec().decode(snapshot))).isEqualTo(reference(bids, 10, BY_PRICE));
    }

    @Test
    void manyIdenticalPricesAtScale() {
        List<Bid> bids = new ArrayList<>(Bid.generate(5_000, 5));
        Collections.shuffle(bids, new java.util.Random(5));
        verifyRandomMergeTrees(Aggregations.topN(50, BY_PRICE, Bid.CODEC), bids, 5, 10, 16);
        assertThat(run(Aggregations.topN(50, BY_PRICE, Bid.CODEC), bids)).isEqualTo(reference(bids, 50, BY_PRICE));
    }
}
