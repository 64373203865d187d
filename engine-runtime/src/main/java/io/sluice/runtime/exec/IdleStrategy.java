package io.sluice.runtime.exec;

/** What a worker does when a round over its tasklets did no work. Called only by the worker thread. */
public interface IdleStrategy {

    /** Called after every round with the work done; idles when it was 0, resets when it was not. */
    void idle(int workCount);
}
