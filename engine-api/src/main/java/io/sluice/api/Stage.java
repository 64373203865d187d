package io.sluice.api;

import io.sluice.api.transform.Transform;

/**
 * Settings every stage of a pipeline has: a display name, a stable uid and a parallelism.
 *
 * @param <S> the concrete stage type, returned for chaining
 */
public abstract class Stage<S extends Stage<S>> {

    final Pipeline pipeline;
    final Transform transform;

    Stage(Pipeline pipeline, Transform transform) {
        this.pipeline = pipeline;
        this.transform = transform;
    }

    /** Names the stage in plans, metrics and error messages. */
    public S named(String name) {
        transform.setName(name);
        return self();
    }

    /**
     * Gives the stage a stable id, which matches its state in a checkpoint or savepoint to it after the job
     * was changed. Must be unique within the pipeline.
     */
    public S uid(String uid) {
        pipeline.checkUidFree(uid, transform);
        transform.setUid(uid);
        return self();
    }

    /** Runs this stage with {@code parallelism} instances instead of the job default. */
    public S parallelism(int parallelism) {
        transform.setParallelism(parallelism);
        return self();
    }

    /** The underlying transform, for the planner and tools. */
    public Transform transform() {
        return transform;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
