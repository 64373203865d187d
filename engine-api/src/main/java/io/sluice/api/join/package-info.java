/**
 * Joins of two keyed streams with the same key type, started with {@link io.sluice.api.KeyedStream#join} and
 * chosen on the {@link io.sluice.api.join.JoinBuilder}, each with an options object:
 * <ul>
 *   <li>{@link io.sluice.api.join.WindowJoin}: pairs within one event-time window (tumbling or sliding),
 *       emitted when the window fires; optionally a semi join (each left item once per window);</li>
 *   <li>{@link io.sluice.api.join.IntervalJoin}: {@code b.ts} within {@code [a.ts - before, a.ts + after]},
 *       emitted as soon as both items are there, state expired by the watermark;</li>
 *   <li>{@link io.sluice.api.join.TableJoin}: enrichment of a stream with a changelog's latest value per key,
 *       inner or left-outer, with optional tombstones;</li>
 *   <li>{@link io.sluice.api.join.UnboundedJoin}: every pair, whichever side arrives first, kept forever.</li>
 * </ul>
 * A join is a keyed stage with two inputs: each input is partitioned by its own key, the join's watermark is the
 * minimum over both, and all its state is keyed, written to snapshots per key group with the codecs the options
 * name. The functions ({@link io.sluice.api.join.JoinFn}, {@link io.sluice.api.join.WindowJoinFn}) run on the
 * worker thread that owns the join instance and may throw; the job then fails naming the join.
 */
package io.sluice.api.join;
