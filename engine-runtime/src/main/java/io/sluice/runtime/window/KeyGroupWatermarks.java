package io.sluice.runtime.window;

import io.sluice.api.codec.Codecs;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * Keeps a window operator's watermark in its snapshots, once per key group it owns, so that it survives a
 * restore at any parallelism: after a restore, an event that was late before is still late, and cannot bring
 * back a window that was already emitted and dropped. Keyed state is the only state that can be restored at
 * another parallelism, so the watermark is stored as a keyed table with one entry per key group, under the
 * smallest non-negative {@code Integer} that hashes into that group. A restored instance takes the smallest
 * watermark of the key groups it receives.
 */
final class KeyGroupWatermarks {

    private final KeyedTable<Long> table;
    private final int first;
    private final Integer[] keyOfGroup;

    KeyGroupWatermarks(KeyedStateBackend backend, OperatorContext context) {
        this.table = backend.table("watermark", Codecs.longs());
        this.first = context.firstKeyGroup();
        int end = context.endKeyGroup();
        this.keyOfGroup = new Integer[end - first];
        int missing = keyOfGroup.length;
        for (int i = 0; missing > 0; i++) {
            int kg = KeyGroups.keyGroup(i, context.maxKeyGroups());
            if (kg >= first && kg < end && keyOfGroup[kg - first] == null) {
                keyOfGroup[kg - first] = i;
                missing--;
            }
        }
    }

    /** Records {@code watermark} in every owned key group, ready for a snapshot. */
    void store(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            table.clear();
            return;
        }
        Long boxed = watermark;
        for (int i = 0; i < keyOfGroup.length; i++) {
            table.put(keyOfGroup[i], first + i, boxed);
        }
    }

    /** The smallest watermark restored into the owned key groups, or {@code Long.MIN_VALUE} when none was. */
    long restored() {
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (int i = 0; i < keyOfGroup.length; i++) {
            Long w = table.get(keyOfGroup[i], first + i);
            if (w != null) {
                min = Math.min(min, w);
                any = true;
            }
        }
        return any ? min : Long.MIN_VALUE;
    }
}
