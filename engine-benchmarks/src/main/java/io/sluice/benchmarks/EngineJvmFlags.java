package io.sluice.benchmarks;

/**
 * The garbage-collector flags {@code bin/sluice} runs the engine with, so that every runner's child JVM and every
 * JMH fork measures the engine as it is deployed.
 *
 * <p>{@code -XX:+UseCondCardMark}: with ParallelGC every reference store into an old object marks a card, one
 * byte per 512 bytes of heap, and one cache line of the card table covers 32 KiB. Long-lived structures of
 * different workers (queue buffers, timer buckets, state tables) are promoted next to each other, so two workers
 * storing references into their own objects kept writing the same card-table line: at parallelism 2 the window's
 * timer push took ~20 % of the workers' samples (5.7 % at parallelism 1) and vanished with the conditional mark,
 * which writes a card only when it is not dirty already.
 */
final class EngineJvmFlags {

    static final String PARALLEL_GC = "-XX:+UseParallelGC";
    static final String COND_CARD_MARK = "-XX:+UseCondCardMark";
    /** Both, as one argument string for a runner's {@code --jvm-args}. */
    static final String GC = PARALLEL_GC + " " + COND_CARD_MARK;

    private EngineJvmFlags() {
    }
}
