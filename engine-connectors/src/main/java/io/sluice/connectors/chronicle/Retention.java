package io.sluice.connectors.chronicle;

import java.io.File;
import java.time.Duration;
import java.util.NavigableSet;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Deletes the cycle files of a queue that are older than the retention ({@code retention=7d}): a cycle goes
 * when it ended more than the retention ago, by the queue's clock. The current cycle is never deleted. Called
 * by the sink when its appender rolls to a new cycle and at least once per {@link #CHECK_INTERVAL_MILLIS}.
 * Readers of the same directory notice the missing files when they refresh their directory listing; a reader
 * positioned in a deleted cycle continues with the oldest cycle left.
 *
 * <p>Not thread-safe; owned by the sink writer.
 */
final class Retention {

    static final String SUFFIX = ".cq4";
    static final long CHECK_INTERVAL_MILLIS = 60_000;

    private final SingleChronicleQueue queue;
    private final long retentionMillis;
    private final RollingResourcesCache files;
    private long nextCheck = Long.MIN_VALUE;
    private int lastCycle = Integer.MIN_VALUE;
    private long deleted;

    Retention(SingleChronicleQueue queue, Duration retention) {
        this.queue = queue;
        this.retentionMillis = retention.toMillis();
        File dir = queue.file();
        this.files = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir, name + SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - SUFFIX.length()));
    }

    /** Deletes expired cycles if the queue rolled since the last call or the check interval has passed. */
    void maybeApply() {
        long now = queue.time().currentTimeMillis();
        int cycle = queue.cycle();
        if (cycle != lastCycle || now >= nextCheck) {
            lastCycle = cycle;
            nextCheck = now + Math.min(CHECK_INTERVAL_MILLIS, queue.rollCycle().lengthInMillis());
            apply(now, cycle);
        }
    }

    /** Deletes every cycle before {@code current} that ended at or before {@code now - retention}. */
    void apply(long now, int current) {
        int first = queue.firstCycle();
        if (first == Integer.MAX_VALUE || first >= current) {
            return;
        }
        RollCycle roll = queue.rollCycle();
        long cutoff = now - retentionMillis;
        NavigableSet<Long> cycles = queue.listCyclesBetween(first, current - 1);
        boolean any = false;
        for (long c : cycles) {
            long end = queue.epoch() + (c + 1) * roll.lengthInMillis();
            if (end > cutoff) {
                break;
            }
            File file = files.resourceFor(c).path;
            if (file.delete()) {
                deleted++;
                any = true;
            }
        }
        if (any) {
            queue.refreshDirectoryListing();
        }
    }

    /** Cycle files deleted so far. */
    long deleted() {
        return deleted;
    }
}
