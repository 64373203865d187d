/**
 * The typed DSL of Sluice: {@link io.sluice.api.Pipeline}, {@link io.sluice.api.Stream},
 * {@link io.sluice.api.KeyedStream} and {@link io.sluice.api.StreamJob}.
 *
 * <p>A job declares its pipeline in {@link io.sluice.api.StreamJob#define}; the runtime plans it (fusing
 * stateless stages into chains), then runs it on single-threaded workers. Everything in this package is
 * used on the thread that defines the pipeline; user functions run later on worker threads, each stage
 * instance on exactly one thread.
 */
package io.sluice.api;
