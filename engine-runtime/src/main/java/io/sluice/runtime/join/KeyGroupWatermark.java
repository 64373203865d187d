package io.sluice.runtime.join;

import io.sluice.api.codec.Codecs;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * The watermark of an event-time join, kept across a restore so that an item that was late before the snapshot
 * is still late after it (otherwise it could join state that was already fired or expired, and the output would
 * depend on where the snapshot was taken).
 *
 * <p>A snapshot holds only keyed state (one section per key group, merged across instances and split again on
 * rescale), so the watermark is written once into every owned key group, under a fixed {@link Integer} key that
 * falls into that group. A restored instance takes the minimum over the groups it receives, or no watermark if
 * any of them has none: that never makes an on-time item late. Owned by one worker thread.
 */
final class KeyGroupWatermark {

    private final KeyedTable<Long> table;
    private final int firstKeyGroup;
    private final int endKeyGroup;
    /** Per owned key group, a key that belongs to it. */
    private final Integer[] keyOfGroup;
    private long value = Long.MIN_VALUE;

    KeyGroupWatermark(KeyedStateBackend state, OperatorContext context) {
        this.table = state.table("watermark", Codecs.longs());
        this.firstKeyGroup = context.firstKeyGroup();
        this.endKeyGroup = context.endKeyGroup();
        this.keyOfGroup = keysPerGroup(firstKeyGroup, endKeyGroup, context.maxKeyGroups());
    }

    /** The current watermark, {@link Long#MIN_VALUE} before the first. */
    long value() {
        return value;
    }

    /** Moves the watermark; returns false (and keeps it) unless {@code watermark} is above it. */
    boolean advance(long watermark) {
        if (watermark <= value) {
            return false;
        }
        value = watermark;
        return true;
    }

    /** Writes the watermark into every owned key group; call before the state backend's snapshot. */
    void beforeSnapshot() {
        if (value == Long.MIN_VALUE) {
            return;
        }
        Long boxed = value;
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            table.put(keyOfGroup[kg - firstKeyGroup], kg, boxed);
        }
    }

    /** Reads the watermark back after the state backend's restore. */
    void afterRestore() {
        long min = Long.MAX_VALUE;
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            Long v = table.get(keyOfGroup[kg - firstKeyGroup], kg);
            if (v == null) {
                min = Long.MIN_VALUE;
                break;
            }
            min = Math.min(min, v);
        }
        value = endKeyGroup > firstKeyGroup ? min : Long.MIN_VALUE;
    }

    private static Integer[] keysPerGroup(int first, int end, int maxKeyGroups) {
        Integer[] keys = new Integer[end - first];
        int missing = keys.length;
        for (int i = 0; missing > 0; i++) {
            if (i < 0) {
                throw new IllegalStateException("no integer key falls into some key group of [" + first + ", " + end + ")");
            }
            int kg = KeyGroups.keyGroup(i, maxKeyGroups);
            if (kg >= first && kg < end && keys[kg - first] == null) {
                keys[kg - first] = i;
                missing--;
            }
        }
        return keys;
    }
}
