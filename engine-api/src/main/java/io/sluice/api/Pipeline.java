package io.sluice.api;

import io.sluice.api.connector.Source;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The definition of a streaming job: sources, the stages applied to their streams, and sinks. A pipeline
 * only records what was declared; the runtime's planner turns it into a physical plan and runs it.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create();
 * p.source(params.source("source", Codecs.json(Bid.class)))
 *  .filter(bid -> bid.auction() % 123 == 0)
 *  .map(bid -> new AuctionPrice(bid.auction(), bid.price()))
 *  .sink(params.sink("sink", Codecs.json(AuctionPrice.class)));
 * }</pre>
 *
 * <p>Not thread-safe: define it on one thread, then hand it to the runtime.
 */
public final class Pipeline {

    private final List<Transform> transforms = new ArrayList<>();

    private Pipeline() {
    }

    public static Pipeline create() {
        return new Pipeline();
    }

    /** Starts a stream at {@code source}, with the source's own timestamps and watermarks. */
    public <T> Stream<T> source(Source<? extends T> source) {
        return source(source, WatermarkPolicy.fromSource());
    }

    /** Starts a stream at {@code source}, with event time and watermarks as {@code policy} says. */
    public <T> Stream<T> source(Source<? extends T> source, WatermarkPolicy<? super T> policy) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        Transform t = add(Kind.SOURCE, List.of(), source, source.name());
        t.setWatermarkPolicy(policy);
        return new Stream<>(this, t);
    }

    /** Every transform in definition order (inputs always come before the transforms that read them). */
    public List<Transform> transforms() {
        return Collections.unmodifiableList(transforms);
    }

    Transform add(Kind kind, List<Transform> inputs, Object function, String name) {
        Transform t = new Transform(transforms.size(), kind, inputs, function, name);
        transforms.add(t);
        return t;
    }

    void checkUidFree(String uid, Transform owner) {
        for (Transform t : transforms) {
            if (t != owner && t.uid().equals(uid)) {
                throw new IllegalArgumentException("uid '" + uid + "' is already used by " + t);
            }
        }
    }
}
