package io.sluice.runtime.window;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a restore, the highest watermark the instances of a two-stage window came back with, for its local
 * stages: a record below it may be late at the window (it was late before the checkpoint), so a local stage
 * must send it alone rather than fold it into a slice the window would receive behind its watermark. The local
 * stages start before the window instances have restored (they run on other workers), so until every window
 * instance has reported, the floor is {@code Long.MAX_VALUE}: everything goes alone.
 *
 * <p>Thread-safe: window instances report from their workers, local stages read from theirs.
 */
public final class RestoredWindowWatermark {

    private final AtomicLong highest = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger unreported;

    /** For a window restored into {@code windowInstances} instances. */
    public RestoredWindowWatermark(int windowInstances) {
        this.unreported = new AtomicInteger(windowInstances);
    }

    /** A window instance restored {@code watermark} (once per instance, also when it got no state). */
    void reported(long watermark) {
        highest.accumulateAndGet(watermark, Math::max); // before the count: a reader that sees 0 sees the final max
        unreported.decrementAndGet();
    }

    /** The highest restored watermark once every window instance has reported; {@code Long.MAX_VALUE} before. */
    long floor() {
        return unreported.get() > 0 ? Long.MAX_VALUE : highest.get();
    }
}
