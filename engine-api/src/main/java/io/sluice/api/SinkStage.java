package io.sluice.api;

import io.sluice.api.transform.Transform;

/** The end of a stream: a sink. Only its name, uid and parallelism can still be set. */
public final class SinkStage extends Stage<SinkStage> {

    SinkStage(Pipeline pipeline, Transform transform) {
        super(pipeline, transform);
    }
}
