package io.sluice.runtime.plan;

import io.sluice.api.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The physical DAG of a job: vertices (fused chains with a parallelism) and the edges between them, in
 * topological order. Immutable once the planner returns it.
 */
public final class PhysicalPlan {

    private final String jobName;
    private final Pipeline pipeline;
    private final List<VertexPlan> vertices;
    private final List<EdgePlan> edges;
    private final int maxKeyGroups;

    PhysicalPlan(String jobName, Pipeline pipeline, List<VertexPlan> vertices, List<EdgePlan> edges, int maxKeyGroups) {
        this.jobName = jobName;
        this.pipeline = pipeline;
        this.vertices = Collections.unmodifiableList(new ArrayList<>(vertices));
        this.edges = Collections.unmodifiableList(new ArrayList<>(edges));
        this.maxKeyGroups = maxKeyGroups;
    }

    public String jobName() {
        return jobName;
    }

    /** The pipeline this plan was made from (the logical graph). */
    public Pipeline pipeline() {
        return pipeline;
    }

    public List<VertexPlan> vertices() {
        return vertices;
    }

    public List<EdgePlan> edges() {
        return edges;
    }

    public int maxKeyGroups() {
        return maxKeyGroups;
    }

    /** Total number of tasklets the plan runs. */
    public int taskletCount() {
        int n = 0;
        for (VertexPlan v : vertices) {
            n += v.parallelism();
        }
        return n;
    }

    @Override
    public String toString() {
        return PlanPrinter.physical(this);
    }
}
