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
 *
 * <p>The waiting list is kept in that order, so a timer folds a prefix of it. Each instance of the first stage
 * emits its closes in close-time order, so a close nearly always goes to the end; at parallelism 2 a category
 * holds a few dozen closes while the slower input's watermark catches up. Splitting and sorting the whole list
 * at every timer took 6.7 % of q4's worker samples there (JFR); folding the prefix, 3.2 %. The order is an
 * invariant of the state: a waiting list from a checkpoint of the earlier version (arrival order) would fold in
 * the wrong order, so a savepoint of that version must not be restored into this one.
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
        ListState<ClosedAuction> waiting = ctx.state(WAITING);
        List<ClosedAuction> list = waiting.get();
        // After every close that sorts before or with it (so equal ones keep their arrival order), scanning from
        // the end, where it nearly always goes.
        int at = list.size();
        while (at > 0 && CLOSE_ORDER.compare(list.get(at - 1), closed) > 0) {
            at--;
        }
        if (at == list.size()) {
            waiting.add(closed);
        } else {
            List<ClosedAuction> sorted = new ArrayList<>(list);
            sorted.add(at, closed);
            waiting.update(sorted);
        }
        ctx.timers().registerEventTimeTimer(closed.closedAt());
    }

    @Override
    public void onTimer(long timestamp, TimerContext<Long> ctx, Emitter<CategoryAverage> out) {
        ListState<ClosedAuction> waiting = ctx.state(WAITING);
        List<ClosedAuction> list = waiting.get();
        LongValueState sum = ctx.state(SUM);
        LongValueState count = ctx.state(COUNT);
        int due = 0;
        for (; due < list.size() && list.get(due).closedAt() <= timestamp; due++) {
            long s = sum.add(list.get(due).price());
            long n = count.add(1);
            out.emit(new CategoryAverage(ctx.currentKey(), s / n));
        }
        if (due == list.size()) {
            waiting.clear();
        } else if (due > 0) {
            waiting.update(list.subList(due, list.size()));
        }
    }
}
