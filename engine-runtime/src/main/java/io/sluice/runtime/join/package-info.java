/**
 * The join operators (two inputs: 0 = left, 1 = right, each partitioned by its own key): windowed, interval,
 * stream–table and unbounded, created by {@link io.sluice.runtime.join.JoinOperators}. All state lives in keyed
 * tables of a {@link io.sluice.runtime.state.KeyedStateBackend}, so it is snapshotted per key group and restores
 * at any parallelism; the expiry queues that the watermark drives are rebuilt from it on restore.
 */
package io.sluice.runtime.join;
