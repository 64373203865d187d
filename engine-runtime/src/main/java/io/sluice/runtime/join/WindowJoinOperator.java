package io.sluice.runtime.join;

import io.sluice.api.join.JoinSpec;
import io.sluice.api.join.WindowJoinFn;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;
import java.util.ArrayList;

/**
 * Windowed join: each on-time record goes into the pane of every window that holds its timestamp (one for
 * tumbling windows, {@code size / slide} for sliding ones; windows are aligned to the epoch). When the watermark
 * reaches a window's end, its panes fire: every pair (left, right) of the key in that window, or for a semi join
 * each left once with the window's first right. Results carry the timestamp {@code end - 1} and go out before the
 * watermark is passed on, so they are never late downstream.
 *
 * <p>Every (key, window) pane sits in an {@link ExpiryQueue} under the window's end, ordered among equal ends by
 * a sequence number stored with the pane, so the output order is the same with or without a restore. End of
 * input fires every pane that is still open.
 */
final class WindowJoinOperator extends EventTimeJoinOperator {

    private final long size;
    private final long slide;
    private final long offset;
    private final boolean semi;
    private final WindowJoinFn<Object, Object, Object> fn;
    private final JoinSpec.Windowed spec;
    private final ExpiryQueue ends = new ExpiryQueue();
    private KeyedTable<WindowPanes> panes;
    private long nextSeq;

    WindowJoinOperator(JoinSpec.Windowed spec) {
        super(spec, spec.fn());
        this.spec = spec;
        this.size = spec.sizeMillis();
        this.slide = spec.slideMillis();
        this.offset = spec.offsetMillis();
        this.semi = spec.semi();
        this.fn = spec.fn();
    }

    @Override
    void registerTables(KeyedStateBackend backend) {
        panes = backend.table("panes", WindowPanes.codec(spec.leftCodec(), spec.rightCodec()));
    }

    @Override
    void processOnTime(int input, Object item, long timestamp) {
        Object key = keyOf(input, item);
        int keyGroup = panes.keyGroupOf(key);
        WindowPanes wp = panes.get(key, keyGroup);
        if (wp == null) {
            wp = new WindowPanes();
            panes.put(key, keyGroup, wp);
        }
        long lastStart = timestamp - Math.floorMod(timestamp - offset, slide);
        for (long start = lastStart; start > timestamp - size; start -= slide) {
            WindowPanes.Pane pane = wp.get(start);
            if (pane == null) {
                pane = new WindowPanes.Pane(start, nextSeq++);
                wp.panes.add(pane);
                ends.add(EventTimeJoinOperator.saturatedAdd(start, size), pane.seq, key, keyGroup, wp);
            }
            if (input == 0) {
                pane.lefts.add(item);
            } else if (!semi || pane.rights.isEmpty()) {
                pane.rights.add(item);
            }
        }
    }

    @Override
    void onWatermark(long wm) {
        while (!ends.isEmpty() && ends.peekTime() <= wm) {
            fireEarliest();
        }
    }

    @Override
    public void finish() throws Exception {
        while (!ends.isEmpty()) {
            fireEarliest();
        }
        super.finish();
    }

    private void fireEarliest() {
        long end = ends.peekTime();
        Object key = ends.peekKey();
        int keyGroup = ends.peekKeyGroup();
        WindowPanes wp = panes.current(key, keyGroup, (WindowPanes) ends.peekState()); // a snapshot may have copied it
        ends.pop();
        long start = end - size;
        WindowPanes.Pane pane = wp == null ? null : wp.remove(start);
        if (pane == null) {
            throw new IllegalStateException("the window [" + start + ", " + end + ") of key " + key + " is queued but has no pane");
        }
        if (wp.isEmpty()) {
            panes.remove(key, keyGroup);
        }
        ArrayList<Object> lefts = pane.lefts;
        ArrayList<Object> rights = pane.rights;
        int pairedRights = semi ? Math.min(1, rights.size()) : rights.size();
        for (int l = 0; l < lefts.size(); l++) {
            for (int r = 0; r < pairedRights; r++) {
                Object result;
                try {
                    result = fn.apply(start, end, lefts.get(l), rights.get(r));
                } catch (Throwable t) {
                    throw failure(t);
                }
                emit(result, end - 1);
            }
        }
    }

    @Override
    void rebuildAfterRestore() {
        ends.clear();
        long[] maxSeq = {-1};
        for (int kg = context.firstKeyGroup(); kg < context.endKeyGroup(); kg++) {
            int group = kg;
            panes.forEach(kg, (key, wp) -> {
                for (WindowPanes.Pane pane : wp.panes) {
                    ends.add(EventTimeJoinOperator.saturatedAdd(pane.start, size), pane.seq, key, group, wp);
                    maxSeq[0] = Math.max(maxSeq[0], pane.seq);
                }
            });
        }
        nextSeq = maxSeq[0] + 1;
    }

    /** Keys with open panes, for tests and metrics. */
    long keyCount() {
        return panes.size();
    }
}
