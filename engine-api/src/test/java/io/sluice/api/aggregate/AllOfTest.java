package io.sluice.api.aggregate;

import static io.sluice.api.aggregate.AggregateOpVerifier.accumulate;
import static io.sluice.api.aggregate.AggregateOpVerifier.encode;
import static io.sluice.api.aggregate.AggregateOpVerifier.run;
import static io.sluice.api.aggregate.AggregateOpVerifier.verify;
import static io.sluice.api.aggregate.AggregateOpVerifier.verifyRandomMergeTrees;
import static io.sluice.api.aggregate.Aggregations.allOf;
import static io.sluice.api.aggregate.Aggregations.averagingLong;
import static io.sluice.api.aggregate.Aggregations.counting;
import static io.sluice.api.aggregate.Aggregations.filtering;
import static io.sluice.api.aggregate.Aggregations.maxBy;
import static io.sluice.api.aggregate.Aggregations.maxLong;
import static io.sluice.api.aggregate.Aggregations.summingLong;
import static io.sluice.api.aggregate.Aggregations.topN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllOfTest {

    private static final List<Bid> BIDS = Bid.generate(200, 3);
    private static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price);

    @Test
    void twoResultsInOneRecord() {
        // the types are inferred at the call site, no witnesses needed
        AggregateOp<Bid, ?, AllOf2<Long, Long>> op = allOf(counting(), summingLong(Bid::price));
        AllOf2<Long, Long> result = verify(op, BIDS);
        assertThat(result).isEqualTo(new AllOf2<>(200L, BIDS.stream().mapToLong(Bid::price).sum()));
    }

    @Test
    void threeResultsInOneRecord() {
        AggregateOp<Bid, ?, AllOf3<Long, Double, List<Bid>>> op =
                allOf(maxLong(Bid::price), averagingLong(Bid::price), topN(3, BY_PRICE, Bid.CODEC));
        AllOf3<Long, Double, List<Bid>> result = verify(op, BIDS);
        assertThat(result.first()).isEqualTo(run(maxLong(Bid::price), BIDS));
        assertThat(result.second()).isEqualTo(run(averagingLong(Bid::price), BIDS));
        assertThat(result.third()).isEqualTo(run(topN(3, BY_PRICE, Bid.CODEC), BIDS));
        verifyRandomMergeTrees(op, BIDS, 3, 20, 8);
    }

    @Test
    void anyNumberOfResultsInAList() {
        AggregateOp<Bid, ?, List<Object>> op = allOf(counting(), summingLong(Bid::price), maxBy(BY_PRICE, Bid.CODEC),
                Aggregations.distinctCount(Bid::auction, Codecs.longs()));
        List<Object> result = verify(op, BIDS);
        assertThat(result).containsExactly(200L, run(summingLong(Bid::price), BIDS), run(maxBy(BY_PRICE, Bid.CODEC), BIDS),
                BIDS.stream().map(Bid::auction).distinct().count());
        assertThatThrownBy(() -> result.set(0, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aListOfAnyLength() {
        AggregateOp<Bid, ?, List<Object>> one = allOf(List.of(Aggregations.<Bid>counting()));
        assertThat(verify(one, BIDS)).containsExactly(200L);
        AggregateOp<Bid, ?, List<Object>> two = allOf(List.of(counting(), maxLong(Bid::price)));
        assertThat(verify(two, BIDS)).containsExactly(200L, run(maxLong(Bid::price), BIDS));
        assertThatThrownBy(() -> allOf(List.<AggregateOp<Bid, ?, ?>>of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartThatSawNothingExportsNull() {
        AggregateOp<Bid, ?, AllOf2<Long, Bid>> op =
                allOf(counting(), filtering((Bid b) -> b.price() > 1_000_000, maxBy(BY_PRICE, Bid.CODEC)));
        assertThat(verify(op, BIDS)).isEqualTo(new AllOf2<>(200L, null));
        AggregateOp<Bid, ?, List<Object>> list = allOf(List.of(counting(), counting(),
                filtering((Bid b) -> false, maxLong(Bid::price))));
        assertThat(verify(list, BIDS)).containsExactly(200L, 200L, null);
    }

    @Test
    void nestedAllOf() {
        AggregateOp<Bid, ?, AllOf2<Long, AllOf2<Long, Long>>> op =
                allOf(counting(), allOf(maxLong(Bid::price), Aggregations.minLong(Bid::price)));
        AllOf2<Long, AllOf2<Long, Long>> result = verify(op, BIDS);
        assertThat(result.second().first()).isGreaterThan(result.second().second());
    }

    @Test
    void layoutFramesEveryPartWithItsOwnCodec() {
        AggregateOp<Bid, Object[], AllOf2<Long, Long>> op = allOfOp(counting(), summingLong(Bid::price));
        byte[] bytes = encode(op.accumulatorCodec(), accumulate(op, op.create(), BIDS));
        assertThat(bytes).hasSize(1 + 4 + (4 + 8) + (4 + 8));
        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(1, 0, 0, 0, 2);
    }

    @Test
    void aSnapshotOfAnotherNumberOfPartsIsRejected() {
        AggregateOp<Bid, Object[], AllOf2<Long, Long>> two = allOfOp(counting(), counting());
        byte[] bytes = encode(two.accumulatorCodec(), two.create());
        AggregateOp<Bid, ?, List<Object>> three = allOf(List.of(counting(), counting(), counting()));
        assertThatThrownBy(() -> three.accumulatorCodec().decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("2 parts").hasMessageContaining("has 3");
    }

    @SuppressWarnings("unchecked")
    private static AggregateOp<Bid, Object[], AllOf2<Long, Long>> allOfOp(AggregateOp<? super Bid, ?, Long> a,
                                                                         AggregateOp<? super Bid, ?, Long> b) {
        return (AggregateOp<Bid, Object[], AllOf2<Long, Long>>) allOf(a, b);
    }
}
