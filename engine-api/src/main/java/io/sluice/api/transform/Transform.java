package io.sluice.api.transform;

import io.sluice.api.WatermarkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link io.sluice.api.Pipeline} as the user declared it: the untyped record the planner reads.
 * Users build these through the typed DSL and never need to touch them.
 *
 * <p>The function field holds the user's function or descriptor for the kind: a {@code MapFn} for
 * {@link Kind#MAP}, a {@code Source} for {@link Kind#SOURCE}, a {@link KeyedAggregation} for
 * {@link Kind#ROLLING_AGGREGATE}, and so on. Not thread-safe: a pipeline is defined on one thread.
 */
public final class Transform {

    /** What a transform does. The stateless one-to-one kinds are the ones the planner fuses. */
    public enum Kind {
        SOURCE(false), MAP(true), FILTER(true), FLAT_MAP(true), PEEK(true),
        UNION(false), REBALANCE(false), ROLLING_AGGREGATE(false),
        /** Keyed event-time windows with an aggregation. */
        WINDOW_AGGREGATE(false),
        /** Windows over the whole stream (not keyed): runs as a single instance. */
        WINDOW_ALL_AGGREGATE(false),
        /**
         * Added by the planner, never by the DSL: the local first stage of a two-stage window aggregation. It
         * folds the records of its own instance into per-key slice accumulators before the records would cross
         * a queue, and sends those partial accumulators to the window (its function is the window's
         * {@link WindowAggregation}).
         */
        LOCAL_WINDOW_AGGREGATE(false),
        /** A keyed process function with state and timers. */
        KEYED_PROCESS(false),
        /** A keyed join of two streams (windowed, interval or stream-table). */
        JOIN(false),
        /** Drops records whose id was seen within a time to live. */
        DEDUPE(false),
        /**
         * The second output of its input transform: the late events of a window. It starts a vertex of its
         * own, fed from the window's side port; its function is {@code null}.
         */
        SIDE_OUTPUT(false),
        SINK(false);

        private final boolean fusable;

        Kind(boolean fusable) {
            this.fusable = fusable;
        }

        /** Stateless, one input, no repartitioning: can run inside a fused chain. */
        public boolean isFusable() {
            return fusable;
        }

        /** Whether its function is a {@link KeyedFunction}: input edges are partitioned by key. */
        public boolean isKeyed() {
            return this == ROLLING_AGGREGATE || this == WINDOW_AGGREGATE || this == KEYED_PROCESS
                    || this == JOIN || this == DEDUPE;
        }

        /** Lower-case name used in default stage names and uids, e.g. {@code flat-map}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Parallelism not set by the user: the job's default applies. */
    public static final int DEFAULT_PARALLELISM = 0;

    private final int id;
    private final Kind kind;
    private final List<Transform> inputs;
    private final Object function;
    private String name;
    private String uid;
    private boolean uidSet;
    private int parallelism = DEFAULT_PARALLELISM;
    private WatermarkPolicy<?> watermarkPolicy;

    public Transform(int id, Kind kind, List<Transform> inputs, Object function, String defaultName) {
        this.id = id;
        this.kind = Objects.requireNonNull(kind);
        this.inputs = List.copyOf(inputs);
        this.function = function;
        this.name = defaultName;
        this.uid = kind.label() + "-" + id;
    }

    /** Position in the pipeline's definition order, starting at 0. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public List<Transform> inputs() {
        return inputs;
    }

    /** The user function or descriptor; its type depends on {@link #kind()}. */
    public Object function() {
        return function;
    }

    /** Display name for plans, metrics and error messages. */
    public String name() {
        return name;
    }

    /**
     * Stable id that matches state in a snapshot to this operator. Defaults to kind and position
     * ({@code map-3}), which is deterministic for an unchanged pipeline; set it explicitly to survive edits.
     */
    public String uid() {
        return uid;
    }

    public boolean isUidSet() {
        return uidSet;
    }

    /** The requested parallelism, or {@link #DEFAULT_PARALLELISM}. */
    public int parallelism() {
        return parallelism;
    }

    public void setName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stage name must not be blank");
        }
        this.name = name;
    }

    public void setUid(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("a uid must not be blank");
        }
        this.uid = uid;
        this.uidSet = true;
    }

    public void setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** For a {@link Kind#SOURCE}: how its records get event time and watermarks; else {@code null}. */
    public WatermarkPolicy<?> watermarkPolicy() {
        return watermarkPolicy;
    }

    public void setWatermarkPolicy(WatermarkPolicy<?> policy) {
        if (kind != Kind.SOURCE) {
            throw new IllegalStateException("only a source has a watermark policy");
        }
        this.watermarkPolicy = policy;
    }

    @Override
    public String toString() {
        return name + "#" + id + "(" + kind.label() + ")";
    }
}
