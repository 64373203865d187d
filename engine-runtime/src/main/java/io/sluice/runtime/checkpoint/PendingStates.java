package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator states of one tasklet's checkpoint snapshot as taken on its worker: per stateful operator, a
 * writer that holds what was written at once and the {@link DeferredState} still to be written into it. A
 * checkpoint thread {@link #complete completes} them; an abandoned checkpoint {@link #release releases} them.
 * Handed from the worker to that thread through a queue, which orders the worker's writes before the reads.
 */
public final class PendingStates {

    private record Part(String uid, StateWriter writer, DeferredState deferred) {
    }

    private final List<Part> parts = new ArrayList<>();
    private boolean anyDeferred;

    /** Adds an operator's snapshot; {@code deferred} is {@code null} when {@code writer} holds all of it. */
    public void add(String uid, StateWriter writer, DeferredState deferred) {
        parts.add(new Part(uid, writer, deferred));
        anyDeferred |= deferred != null;
    }

    /** Whether some state is still to be written (else {@link #complete} is cheap enough for the worker). */
    public boolean anyDeferred() {
        return anyDeferred;
    }

    /** Writes the deferred parts (releasing them) and returns the states by operator uid. */
    public Map<String, StateSnapshot> complete() throws IOException {
        Map<String, StateSnapshot> states = new LinkedHashMap<>();
        try {
            for (Part p : parts) {
                if (p.deferred() != null) {
                    p.deferred().writeTo(p.writer());
                }
                states.put(p.uid(), p.writer().toSnapshot());
            }
        } finally {
            release();
        }
        return states;
    }

    /** Releases every deferred part (idempotent, any thread): the state stops copying for this snapshot. */
    public void release() {
        for (Part p : parts) {
            if (p.deferred() != null) {
                p.deferred().release();
            }
        }
    }
}
