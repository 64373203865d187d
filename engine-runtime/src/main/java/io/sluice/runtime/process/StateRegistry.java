package io.sluice.runtime.process;

import io.sluice.api.state.State;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimeDomain;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.Arrays;

/**
 * The state a process function declared: one handle (and one {@link io.sluice.runtime.state.KeyedTable}) per
 * descriptor. Declarations are accepted only while the function opens; afterwards the registry is sealed.
 * Finding a handle scans the few declared descriptors by identity (descriptors are usually constants), then
 * by value. Owned by one worker thread.
 */
final class StateRegistry implements StateDeclarations {

    private final KeyedStateBackend backend;
    private final KeyScope scope;
    private final TimerService timers;
    private StateDescriptor<?>[] descriptors = new StateDescriptor<?>[0];
    private StateHandle<?>[] handles = new StateHandle<?>[0];
    private boolean sealed;

    StateRegistry(KeyedStateBackend backend, KeyScope scope, TimerService timers) {
        this.backend = backend;
        this.scope = scope;
        this.timers = timers;
    }

    @Override
    public void declare(StateDescriptor<?>... toDeclare) {
        if (sealed) {
            throw new IllegalStateException("state can only be declared in open()");
        }
        for (StateDescriptor<?> d : toDeclare) {
            for (StateDescriptor<?> existing : descriptors) {
                if (existing.name().equals(d.name())) {
                    throw new IllegalArgumentException("state '" + d.name() + "' is declared twice");
                }
            }
            StateHandle<?> handle = switch (d.kind()) {
                case VALUE -> new ValueStateHandle(d, scope, backend, timers);
                case LONG_VALUE -> new LongValueStateHandle(d, scope, backend, timers);
                case MAP -> new MapStateHandle(d, scope, backend, timers);
                case LIST -> new ListStateHandle(d, scope, backend, timers);
            };
            descriptors = Arrays.copyOf(descriptors, descriptors.length + 1);
            descriptors[descriptors.length - 1] = d;
            handles = Arrays.copyOf(handles, handles.length + 1);
            handles[handles.length - 1] = handle;
        }
    }

    void seal() {
        sealed = true;
    }

    /** The handle of {@code descriptor}. */
    @SuppressWarnings("unchecked")
    <S extends State> S handle(StateDescriptor<S> descriptor) {
        StateDescriptor<?>[] ds = descriptors;
        for (int i = 0; i < ds.length; i++) {
            if (ds[i] == descriptor) {
                return (S) handles[i];
            }
        }
        for (int i = 0; i < ds.length; i++) {
            if (ds[i].equals(descriptor)) {
                return (S) handles[i];
            }
        }
        throw new IllegalArgumentException(descriptor + " was not declared in open() (declared: "
                + Arrays.toString(descriptors) + ")");
    }

    /**
     * Removes the current key's state with a time-to-live in {@code domain} that expired at {@code now};
     * returns the earliest expiry of what lives on, or {@link Long#MAX_VALUE}.
     */
    long expire(TimeDomain domain, long now) {
        long next = Long.MAX_VALUE;
        for (StateHandle<?> h : handles) {
            if (h.ttlDomain == domain) {
                next = Math.min(next, h.expire(now));
            }
        }
        return next;
    }
}
