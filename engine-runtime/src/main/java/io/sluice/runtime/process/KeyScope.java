package io.sluice.runtime.process;

import io.sluice.api.state.TimeDomain;
import io.sluice.runtime.time.Clock;

/**
 * What the current call of a process function is about: the current key and its key group (computed once
 * per record, then every state access is a single lookup in that group), the timestamp being processed and
 * the watermark. State handles and the timer facade read it; the operator sets it before each call.
 * Owned by one worker thread.
 */
final class KeyScope {

    private final Clock clock;
    Object key;
    int keyGroup;
    /** What {@code ctx.timestamp()} reports: the record's timestamp, or the firing timer's. */
    long timestamp;
    /** The event time being processed: the record's or event-time timer's timestamp; MIN for a processing-time timer. */
    long eventTime;
    long watermark = Long.MIN_VALUE;
    /** Changes with every call: a handle's cached cell is valid while the epoch it was read in lasts. */
    long epoch;

    KeyScope(Clock clock) {
        this.clock = clock;
    }

    void set(Object newKey, int newKeyGroup, long newTimestamp, long newEventTime) {
        this.key = newKey;
        this.keyGroup = newKeyGroup;
        this.timestamp = newTimestamp;
        this.eventTime = newEventTime;
        this.epoch++;
    }

    /**
     * "Now" in a time domain, for state time-to-live: in event time the greater of the watermark and the event
     * time being processed ({@code Long.MIN_VALUE} when there is neither), in processing time the clock.
     */
    long now(TimeDomain domain) {
        return domain == TimeDomain.EVENT_TIME ? Math.max(watermark, eventTime) : clock.millis();
    }

    long processingTime() {
        return clock.millis();
    }
}
