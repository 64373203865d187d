package io.sluice.api.aggregate;

import static io.sluice.api.aggregate.AggregateOpVerifier.run;
import static io.sluice.api.aggregate.AggregateOpVerifier.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sluice.api.codec.Codecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AggregationsTest {

    private static final List<Bid> BIDS = Bid.generate(300, 42);
    private static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price);

    @Test
    void counting() {
        assertThat(verify(Aggregations.<Bid>counting(), BIDS)).isEqualTo(300L);
        assertThat(run(Aggregations.<Bid>counting(), List.of())).isEqualTo(0L);
    }

    @Test
    void summingLong() {
        long expected = BIDS.stream().mapToLong(Bid::price).sum();
        assertThat(verify(Aggregations.summingLong(Bid::price), BIDS)).isEqualTo(expected);
    }

    @Test
    void summingDouble() {
        double expected = BIDS.stream().mapToDouble(Bid::price).sum(); // integral values: every order is exact
        assertThat(verify(Aggregations.summingDouble((Bid b) -> b.price()), BIDS)).isEqualTo(expected);
    }

    @Test
    void averagingLong() {
        double expected = BIDS.stream().mapToLong(Bid::price).average().orElseThrow();
        assertThat(verify(Aggregations.averagingLong(Bid::price), BIDS)).isEqualTo(expected);
        assertThat(run(Aggregations.averagingLong(Bid::price), List.of())).isNull();
        assertThat(run(Aggregations.averagingLong((Long x) -> x), List.of(1L, 2L))).isEqualTo(1.5);
    }

    @Test
    void averagingDouble() {
        double expected = BIDS.stream().mapToDouble(b -> b.price() / 4.0).average().orElseThrow();
        assertThat(verify(Aggregations.averagingDouble((Bid b) -> b.price() / 4.0), BIDS)).isEqualTo(expected);
        assertThat(run(Aggregations.averagingDouble((Double x) -> x), List.of())).isNull();
    }

    @Test
    void averagingDoubleCompensatesRoundingErrors() {
        // 1e8 then a million 0.1s: a naive sum drifts in the 7th significant digit of the small part
        List<Double> values = new ArrayList<>();
        values.add(1e8);
        for (int i = 0; i < 1_000_000; i++) {
            values.add(0.1);
        }
        double exactMean = (1e8 + 100_000) / values.size();
        double naive = 0;
        for (double v : values) {
            naive += v;
        }
        assertThat(Math.abs(naive / values.size() - exactMean)).isGreaterThan(1e-9); // the problem exists
        assertThat(run(Aggregations.averagingDouble((Double x) -> x), values)).isCloseTo(exactMean, within(1e-12));
    }

    @Test
    void averagingDoubleOfInfiniteValues() {
        assertThat(run(Aggregations.averagingDouble((Double x) -> x), List.of(1.0, Double.POSITIVE_INFINITY)))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void minLongAndMaxLong() {
        assertThat(verify(Aggregations.minLong(Bid::price), BIDS))
                .isEqualTo(BIDS.stream().mapToLong(Bid::price).min().orElseThrow());
        assertThat(verify(Aggregations.maxLong(Bid::price), BIDS))
                .isEqualTo(BIDS.stream().mapToLong(Bid::price).max().orElseThrow());
        assertThat(run(Aggregations.maxLong(Bid::price), List.of())).isNull();
        assertThat(run(Aggregations.minLong((Long x) -> x), List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L)))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(run(Aggregations.maxLong((Long x) -> x), List.of(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void minByAndMaxByKeepTheEarliestOfEqualItems() {
        long max = BIDS.stream().mapToLong(Bid::price).max().orElseThrow();
        long min = BIDS.stream().mapToLong(Bid::price).min().orElseThrow();
        Bid firstMax = BIDS.stream().filter(b -> b.price() == max).findFirst().orElseThrow();
        Bid firstMin = BIDS.stream().filter(b -> b.price() == min).findFirst().orElseThrow();
        assertThat(BIDS.stream().filter(b -> b.price() == max).count()).as("the data has ties").isGreaterThan(1);

        assertThat(verify(Aggregations.maxBy(BY_PRICE, Bid.CODEC), BIDS)).isEqualTo(firstMax);
        assertThat(verify(Aggregations.minBy(BY_PRICE, Bid.CODEC), BIDS)).isEqualTo(firstMin);
        assertThat(run(Aggregations.minBy(BY_PRICE, Bid.CODEC), List.of())).isNull();
    }

    @Test
    void allMaxByAndAllMinByKeepEveryTiedItemInArrivalOrder() {
        long max = BIDS.stream().mapToLong(Bid::price).max().orElseThrow();
        long min = BIDS.stream().mapToLong(Bid::price).min().orElseThrow();
        List<Bid> maxes = BIDS.stream().filter(b -> b.price() == max).collect(Collectors.toList());
        List<Bid> mins = BIDS.stream().filter(b -> b.price() == min).collect(Collectors.toList());

        assertThat(verify(Aggregations.allMaxBy(BY_PRICE, Bid.CODEC), BIDS)).isEqualTo(maxes).hasSizeGreaterThan(1);
        assertThat(verify(Aggregations.allMinBy(BY_PRICE, Bid.CODEC), BIDS)).isEqualTo(mins).hasSizeGreaterThan(1);
        assertThat(run(Aggregations.allMaxBy(BY_PRICE, Bid.CODEC), List.of())).isEmpty();
    }

    @Test
    void distinctCount() {
        long auctions = BIDS.stream().map(Bid::auction).distinct().count();
        assertThat(verify(Aggregations.distinctCount(Bid::auction, Codecs.longs()), BIDS)).isEqualTo(auctions);
        assertThat(verify(Aggregations.distinctCount((Bid b) -> "bidder-" + b.bidder(), Codecs.strings()), BIDS))
                .isEqualTo(BIDS.stream().map(Bid::bidder).distinct().count());
        assertThat(run(Aggregations.distinctCount(Bid::auction, Codecs.longs()), List.of())).isEqualTo(0L);
    }

    @Test
    void distinctCountRejectsNullKeys() {
        AggregateOp<Bid, ?, Long> op = Aggregations.distinctCount((Bid b) -> null, Codecs.longs());
        assertThatThrownBy(() -> run(op, BIDS)).hasRootCauseInstanceOf(NullPointerException.class)
                .rootCause().hasMessageContaining("distinctCount");
    }

    @Test
    void approximateDistinctCountIsExactForSmallSetsAndPassesTheContract() {
        assertThat(verify(Aggregations.approximateDistinctCount(Bid::bidder), BIDS))
                .isEqualTo(BIDS.stream().map(Bid::bidder).distinct().count());
        // past the exact range of precision 8 (16 keys), so the combined sketches are dense
        assertThat(verify(Aggregations.approximateDistinctCount(Bid::seq, 8), BIDS)).isBetween(270L, 330L);
    }

    @Test
    void mappingAndFiltering() {
        AggregateOp<Bid, ?, Long> expensiveAuctions = Aggregations.filtering((Bid b) -> b.price() >= 200,
                Aggregations.mapping(Bid::auction, Aggregations.distinctCount((Long a) -> a, Codecs.longs())));
        long expected = BIDS.stream().filter(b -> b.price() >= 200).map(Bid::auction).distinct().count();
        assertThat(verify(expensiveAuctions, BIDS)).isEqualTo(expected);

        AggregateOp<Bid, ?, Long> none = Aggregations.filtering((Bid b) -> false, Aggregations.maxLong(Bid::price));
        assertThat(verify(none, BIDS)).isNull();
    }

    @Test
    void mappingRejectsANullMappedValue() {
        AggregateOp<Bid, ?, Long> op = Aggregations.mapping((Bid b) -> (Long) null, Aggregations.<Long>counting());
        assertThatThrownBy(() -> run(op, BIDS)).hasRootCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void factoriesRejectBadArguments() {
        assertThatThrownBy(() -> Aggregations.topN(0, BY_PRICE, Bid.CODEC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aggregations.approximateDistinctCount(Bid::auction, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 18]");
        assertThatThrownBy(() -> Aggregations.approximateDistinctCount(Bid::auction, 19))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aggregations.maxBy(BY_PRICE, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("itemCodec");
        assertThatThrownBy(() -> Aggregations.<Bid>allOf()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opsNameThemselves() {
        assertThat(Aggregations.topN(3, BY_PRICE, Bid.CODEC)).hasToString("topN(3)");
        assertThat(Aggregations.allOf(Aggregations.<Bid>counting(), Aggregations.maxLong(Bid::price)))
                .hasToString("allOf(counting, maxLong)");
    }
}
