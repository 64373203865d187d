package io.sluice.runtime.plan;

import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A physical vertex: a chain of fused transforms run by {@link #parallelism()} tasklets. The first transform
 * may be a source, a union (a junction of several inputs), a keyed operator or a plain stage; the last may
 * be a sink.
 */
public final class VertexPlan {

    private final int id;
    private final int parallelism;
    private final List<Transform> chain = new ArrayList<>();
    private final List<EdgePlan> inbound = new ArrayList<>();
    private final List<EdgePlan> outbound = new ArrayList<>();
    private boolean headCombinesPartials;

    VertexPlan(int id, int parallelism, Transform first) {
        this.id = id;
        this.parallelism = parallelism;
        this.chain.add(first);
    }

    public int id() {
        return id;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The fused transforms, in order. */
    public List<Transform> chain() {
        return Collections.unmodifiableList(chain);
    }

    public Transform first() {
        return chain.get(0);
    }

    public Transform last() {
        return chain.get(chain.size() - 1);
    }

    public boolean isSource() {
        return first().kind() == Kind.SOURCE;
    }

    public boolean endsInSink() {
        return last().kind() == Kind.SINK;
    }

    /** The vertex name: its transforms' names joined by arrows. */
    public String name() {
        StringBuilder sb = new StringBuilder();
        for (Transform t : chain) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            sb.append(t.name());
        }
        return sb.toString();
    }

    public List<EdgePlan> inbound() {
        return Collections.unmodifiableList(inbound);
    }

    public List<EdgePlan> outbound() {
        return Collections.unmodifiableList(outbound);
    }

    /**
     * Whether the first transform is the second stage of a two-stage window: its input carries the partial
     * accumulators of the local stages at the end of the producing chains.
     */
    public boolean headCombinesPartials() {
        return headCombinesPartials;
    }

    void setHeadCombinesPartials(boolean combines) {
        this.headCombinesPartials = combines;
    }

    void append(Transform t) {
        chain.add(t);
    }

    void addInbound(EdgePlan e) {
        inbound.add(e);
    }

    void addOutbound(EdgePlan e) {
        outbound.add(e);
    }

    @Override
    public String toString() {
        return "v" + id + "[" + name() + "] x" + parallelism;
    }
}
