package io.sluice.api.state;

/** The two clocks a timer or a state time-to-live can follow. */
public enum TimeDomain {
    /**
     * Event time: the timestamps of the records and the watermark. Deterministic: a replay of the same input
     * fires the same timers and expires the same state at the same points of the stream.
     */
    EVENT_TIME,
    /** Processing time: the wall clock of the worker (a manual clock in tests). */
    PROCESSING_TIME
}
