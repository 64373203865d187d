package io.sluice.api.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code accumulate} allocates nothing per item once the accumulator has grown to its working size (the hot
 * path: one call per record per window). Measured with the JVM's per-thread allocation counter; a boxed
 * {@code Long} per item would be 16 bytes an item.
 */
class AllocationTest {

    private static final int ITEMS = 1_000_000;
    private static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price);

    static Stream<Arguments> ops() {
        return Stream.of(
                Aggregations.<Bid>counting(),
                Aggregations.summingLong(Bid::price),
                Aggregations.summingDouble((Bid b) -> b.price()),
                Aggregations.averagingLong(Bid::price),
                Aggregations.averagingDouble((Bid b) -> b.price()),
                Aggregations.minLong(Bid::price),
                Aggregations.maxLong(Bid::price),
                Aggregations.minBy(BY_PRICE, Bid.CODEC),
                Aggregations.maxBy(BY_PRICE, Bid.CODEC),
                Aggregations.topN(10, BY_PRICE.thenComparingLong(Bid::seq), Bid.CODEC),
                Aggregations.approximateDistinctCount((Bid b) -> b),
                Aggregations.filtering((Bid b) -> b.price() > 0, Aggregations.maxLong(Bid::price)),
                Aggregations.mapping((Bid b) -> b, Aggregations.minLong(Bid::price)),
                Aggregations.allOf(Aggregations.<Bid>counting(), Aggregations.maxLong(Bid::price)))
                .map(op -> Arguments.of(op.toString(), op));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void accumulateAllocatesNothingPerItem(String name, AggregateOp<Bid, Object, Object> op) throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        List<Bid> list = Bid.generate(100_000, 1);
        Bid[] bids = list.toArray(new Bid[0]);
        Object acc = op.create();
        acc = run(op, acc, bids, ITEMS); // warm up and grow to the working size (the sketch turns dense)

        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        acc = run(op, acc, bids, ITEMS);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertThat(acc).isNotNull();
        assertThat(allocated).as("%s allocated %d bytes for %d items", name, allocated, ITEMS).isLessThan(ITEMS / 16);
    }

    private static Object run(AggregateOp<Bid, Object, Object> op, Object acc, Bid[] bids, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            acc = op.accumulate(acc, bids[i % bids.length]);
        }
        return acc;
    }
}
