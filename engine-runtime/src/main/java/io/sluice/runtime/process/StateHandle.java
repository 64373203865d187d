package io.sluice.runtime.process;

import io.sluice.api.state.State;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.StateTtl;
import io.sluice.api.state.TimeDomain;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;

/**
 * The runtime side of a state handle: a {@link KeyedTable} of one {@link Cell} per key, read and written for
 * the current key of the {@link KeyScope}. A cell holds the key's value (in a subclass) and its expiry, so
 * time-to-live costs one comparison per access and no extra lookup; cells are updated in place, so a write
 * to an existing key allocates nothing.
 *
 * <p>A handle remembers the cell it found for the current call ({@link KeyScope#epoch}), so a function that
 * reads and then writes the same state ({@code get} then {@code put}) pays for one hash lookup, not two.
 *
 * <p>Time-to-live: a cell whose expiry is reached reads as absent and is dropped when touched. When a cell is
 * created, a cleanup timer of the key is registered at its expiry; when it fires, the cell is removed if it
 * expired, or the timer moves to the cell's (since refreshed) expiry. So every live cell with a time-to-live
 * has a pending cleanup timer, and a key's state disappears without being accessed again.
 *
 * @param <C> the cell type
 */
abstract class StateHandle<C extends StateHandle.Cell> implements State {

    /** A key's value and its expiry ({@link Long#MAX_VALUE}: never). */
    abstract static class Cell {
        long expiresAt = Long.MAX_VALUE;
    }

    final StateDescriptor<?> descriptor;
    final KeyScope scope;
    final KeyedTable<C> table;
    private final TimerService timers;
    /** {@code null} without a time-to-live. */
    final TimeDomain ttlDomain;
    private final long ttlMillis;
    private final byte cleanupKind;
    /** The current key's cell as last looked up or written in call {@link #cachedEpoch} ({@code null}: none). */
    private C cached;
    private long cachedEpoch = -1;

    StateHandle(StateDescriptor<?> descriptor, KeyScope scope, KeyedStateBackend backend, TimerService timers,
                io.sluice.api.codec.Codec<C> cellCodec) {
        this.descriptor = descriptor;
        this.scope = scope;
        this.table = backend.table(descriptor.name(), cellCodec);
        this.timers = timers;
        StateTtl ttl = descriptor.ttl();
        this.ttlDomain = ttl == null ? null : ttl.timeDomain();
        this.ttlMillis = ttl == null ? 0 : ttl.millis();
        this.cleanupKind = ttlDomain == TimeDomain.PROCESSING_TIME ? Timer.PROCESSING_CLEANUP : Timer.EVENT_CLEANUP;
    }

    abstract C newCell();

    /** The current key's live cell, or {@code null}; an expired cell is removed. */
    final C cell() {
        C c = lookup();
        if (c != null && ttlDomain != null && c.expiresAt <= scope.now(ttlDomain)) {
            remove();
            return null;
        }
        return c;
    }

    /** The current key's cell, looked up once per call. */
    private C lookup() {
        long epoch = scope.epoch;
        if (cachedEpoch == epoch) {
            return cached;
        }
        C c = table.get(scope.key, scope.keyGroup);
        cached = c;
        cachedEpoch = epoch;
        return c;
    }

    private void store(C c) {
        table.put(scope.key, scope.keyGroup, c);
        cached = c;
        cachedEpoch = scope.epoch;
    }

    private void remove() {
        table.remove(scope.key, scope.keyGroup);
        cached = null;
        cachedEpoch = scope.epoch;
    }

    /** The current key's cell for a write: created when absent (or expired), its time-to-live refreshed. */
    final C cellForWrite() {
        C c = lookup();
        if (ttlDomain == null) {
            if (c == null) {
                c = newCell();
                store(c);
            }
            return c;
        }
        long now = writeTime();
        long expiry = expiryAfter(now);
        if (c != null && c.expiresAt <= now) {
            c = null; // expired: the write starts a new value
        }
        if (c == null) {
            c = newCell();
            c.expiresAt = expiry;
            store(c);
            timers.register(scope.key, scope.keyGroup, cleanupKind, expiry);
        } else if (expiry > c.expiresAt) {
            c.expiresAt = expiry;
        }
        return c;
    }

    /** Refreshes the time-to-live of a live cell after a write that did not go through {@link #cellForWrite}. */
    final void refresh(C c) {
        if (ttlDomain != null) {
            long expiry = expiryAfter(writeTime());
            if (expiry > c.expiresAt) {
                c.expiresAt = expiry;
            }
        }
    }

    @Override
    public final void clear() {
        remove();
    }

    /** Removes the current key's cell when it expired at {@code now}; returns its expiry when it lives on, else MAX. */
    final long expire(long now) {
        C c = lookup();
        if (c == null) {
            return Long.MAX_VALUE;
        }
        if (c.expiresAt <= now) {
            remove();
            return Long.MAX_VALUE;
        }
        return c.expiresAt;
    }

    private long writeTime() {
        long now = scope.now(ttlDomain);
        if (now == Long.MIN_VALUE) {
            throw new IllegalStateException("state '" + descriptor.name() + "' has an event-time time-to-live, but the record has no "
                    + "event time and there is no watermark yet (use StateTtl.processingTime for such streams)");
        }
        return now;
    }

    private long expiryAfter(long now) {
        long expiry = now + ttlMillis;
        return expiry < now ? Long.MAX_VALUE - 1 : expiry; // saturate instead of overflowing
    }
}
