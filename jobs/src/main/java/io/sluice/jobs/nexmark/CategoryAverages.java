package io.sluice.jobs.nexmark;

import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.ListState;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimerContext;
import io.sluice.jobs.nexmark.NexmarkQ4.CategoryAverage;
import io.sluice.jobs.nexmark.NexmarkQ4.ClosedAuction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The second stage of query 4, keyed by category: the running average closing price, emitted once per
 * closed auction as {@code sum / count} (integer division) over the category's closed auctions so far.
 *
 * <p>Closed auctions come from several instances of the first stage, whose outputs interleave in no fixed
 * order. To make every category's sequence of averages deterministic at any parallelism, each closed
 * auction waits until the watermark reaches its close time and is then folded in close-time order (equal
 * close times by auction id).
 */
final class CategoryAverages implements KeyedProcessFunction<Long, ClosedAuction, CategoryAverage> {

    private static final Comparator<ClosedAuction> CLOSE_ORDER =
            Comparator.comparingLong(ClosedAuction::closedAt).thenComparingLong(ClosedAuction::auction);

    static final StateDescriptor<LongValueState> SUM = StateDescriptor.longValue("sum");
    static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");
    static final StateDescriptor<ListState<ClosedAuction>> WAITING =
            StateDescriptor.list("waiting", ClosedAuction.CODEC);

    @Override
    public void open(StateDeclarations state) {
        state.declare(SUM, COUNT, WAITING);
    }

    @Override
    public void processElement(ClosedAuction closed, ProcessContext<Long> ctx, Emitter<CategoryAverage> out) {
        ctx.state(WAITING).add(closed);
        ctx.timers().registerEventTimeTimer(closed.closedAt());
    }

    @Override
    public void onTimer(long timestamp, TimerContext<Long> ctx, Emitter<CategoryAverage> out) {
        ListState<ClosedAuction> waiting = ctx.state(WAITING);
        List<ClosedAuction> due = new ArrayList<>();
        List<ClosedAuction> later = new ArrayList<>();
        for (ClosedAuction c : waiting.get()) {
            (c.closedAt() <= timestamp ? due : later).add(c);
        }
        due.sort(CLOSE_ORDER);
        LongValueState sum = ctx.state(SUM);
        LongValueState count = ctx.state(COUNT);
        for (ClosedAuction c : due) {
            long s = sum.add(c.price());
            long n = count.add(1);
            out.emit(new CategoryAverage(ctx.currentKey(), s / n));
        }
        waiting.update(later);
    }
}
