/**
 * The built-in demo of {@code user-analytics}: {@link io.sluice.jobs.analytics.live.DemoSource} (the
 * {@code demo:} source: a generator thread appends clicks to a Chronicle queue, the job tails it) and
 * {@link io.sluice.jobs.analytics.live.LiveView} (the result streams drawn on the terminal every second, with
 * throughput and end-to-end latency).
 */
package io.sluice.jobs.analytics.live;
