package io.sluice.api.window;

import io.sluice.api.Stream;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;

/**
 * Adds a stage to the pipeline on behalf of a windowed stream and returns its output stream. The DSL makes one
 * in {@link io.sluice.api.KeyedStream#window} and {@link io.sluice.api.Stream#windowAll}; users never need to.
 */
@FunctionalInterface
public interface StageFactory {

    /** Adds a transform of {@code kind} reading {@code input}, with {@code function} as its descriptor. */
    Stream<?> add(Kind kind, Transform input, Object function, String name);
}
