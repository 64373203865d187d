package io.sluice.runtime.window;

import java.io.IOException;

/**
 * The window state of one key: its open windows (slices or sessions, in a subclass) and the one timer the
 * operator keeps for it. The timer is at or before the key's next action (a window to fire or to drop), so the
 * operator needs a single heap entry per key instead of one per window. Owned by one worker thread.
 */
abstract class KeyWindows {

    /** Layout version of the snapshot codecs of both kinds of state. */
    static final int LAYOUT_VERSION = 1;

    /** Time of the key's live timer, or {@code Long.MAX_VALUE} when it has none. */
    long timer = Long.MAX_VALUE;
    /** Sequence of the live timer: the heap orders equal times by it; an entry with another one is stale. */
    long timerSeq;

    /** True when the key holds no window any more and can be removed. */
    abstract boolean isEmpty();

    static void checkVersion(int version, String what) throws IOException {
        if (version != LAYOUT_VERSION) {
            throw new IOException(what + " state of layout version " + version + "; this version reads " + LAYOUT_VERSION);
        }
    }
}
