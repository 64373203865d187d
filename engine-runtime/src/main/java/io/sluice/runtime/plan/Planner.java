package io.sluice.runtime.plan;

import io.sluice.api.Pipeline;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.Source;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.KeyedFunction;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.window.LocalWindowStage;
import io.sluice.runtime.window.WindowPartial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pipeline (the logical graph) into a {@link PhysicalPlan}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Parallelism: a stage's own setting wins. Otherwise a source gets the job default (capped by what the
 *   source supports), a keyed stage the job default, a stage after {@code rebalance()} the job default, and
 *   any other stage its input's parallelism (so it can fuse). A sink is capped by what it supports.</li>
 *   <li>Fusion: a map/filter/flatMap/peek or sink joins its input's vertex when it is that input's only
 *   consumer, has one input, no rebalance in between, and the same parallelism. A keyed stage or a
 *   whole-stream window fuses the same way when both sides run one instance. Everything else starts a
 *   vertex. A side output (a window's late events) is a second consumer of its window, so the window ends
 *   its vertex and the side output starts one of its own, fed from the side port of the window's outbox.</li>
 *   <li>Two-stage windows: a tumbling or sliding window that does not fuse with its input (it is keyed and
 *   runs more than one instance, or takes a parallel input) gets a local first stage at the end of the input's
 *   chain, which sends per-key slice accumulators (or partial sessions) instead of records; see {@link LocalWindowStage} and
 *   {@link JobConfig#withTwoStageWindows}. The window keeps its uid and state.</li>
 *   <li>Edges: into a keyed stage, {@link EdgeKind#PARTITIONED} by its key (per input for a join); after {@code rebalance()} or on a
 *   parallelism change, {@link EdgeKind#REBALANCE}; otherwise {@link EdgeKind#FORWARD}.</li>
 * </ul>
 */
public final class Planner {

    private Planner() {
    }

    public static PhysicalPlan plan(Pipeline pipeline, JobConfig config) {
        return new Run(pipeline, config).build();
    }

    private static final class Run {
        private final Pipeline pipeline;
        private final JobConfig config;
        private final Map<Transform, List<Transform>> consumers = new IdentityHashMap<>();
        private final Map<Transform, Integer> parallelism = new IdentityHashMap<>();
        private final Map<Transform, VertexPlan> vertexOf = new IdentityHashMap<>();
        private final List<VertexPlan> vertices = new ArrayList<>();
        private final List<EdgePlan> edges = new ArrayList<>();
        private final Map<String, Transform> uids = new HashMap<>();

        Run(Pipeline pipeline, JobConfig config) {
            this.pipeline = pipeline;
            this.config = config;
        }

        PhysicalPlan build() {
            List<Transform> all = pipeline.transforms();
            validate(all);
            for (Transform t : all) {
                consumers.put(t, new ArrayList<>());
                for (Transform in : t.inputs()) {
                    consumers.get(in).add(t);
                }
            }
            for (Transform t : all) {
                if (t.kind() == Kind.REBALANCE) {
                    continue; // a property of the edge behind it, not a vertex
                }
                parallelism.put(t, resolveParallelism(t));
                place(t);
            }
            return new PhysicalPlan(config.jobName(), pipeline, vertices, edges, config.maxKeyGroups());
        }

        private void validate(List<Transform> all) {
            if (all.isEmpty()) {
                throw new IllegalArgumentException("the pipeline is empty: add a source and a sink");
            }
            for (Transform t : all) {
                Transform other = uids.put(t.uid(), t);
                if (other != null) {
                    throw new IllegalArgumentException("uid '" + t.uid() + "' is used by both " + other + " and " + t);
                }
            }
            boolean hasSink = all.stream().anyMatch(t -> t.kind() == Kind.SINK);
            if (!hasSink) {
                throw new IllegalArgumentException("the pipeline has no sink: nothing would ever be written");
            }
        }

        private int resolveParallelism(Transform t) {
            int requested = t.parallelism();
            switch (t.kind()) {
                case SOURCE:
                    return Math.min(requested > 0 ? requested : config.parallelism(),
                            checkedMax(t, ((Source<?>) t.function()).maxParallelism()));
                case WINDOW_ALL_AGGREGATE:
                    if (requested > 1) {
                        throw new IllegalArgumentException(t + " sees the whole stream and runs as one instance; "
                                + "parallelism " + requested + " is not possible (key the stream to spread it)");
                    }
                    return 1;
                case ROLLING_AGGREGATE:
                case WINDOW_AGGREGATE:
                case KEYED_PROCESS:
                case JOIN:
                case DEDUPE: {
                    int p = requested > 0 ? requested : config.parallelism();
                    if (p > config.maxKeyGroups()) {
                        throw new IllegalArgumentException(t + " has parallelism " + p + " but the job has only "
                                + config.maxKeyGroups() + " key groups: instances beyond that would own no keys");
                    }
                    return p;
                }
                case SINK:
                    return Math.min(requested > 0 ? requested : inherited(t),
                            checkedMax(t, ((Sink<?>) t.function()).maxParallelism()));
                default:
                    return requested > 0 ? requested : inherited(t);
            }
        }

        private static int checkedMax(Transform t, int max) {
            if (max < 1) {
                throw new IllegalArgumentException(t + " reports a maximum parallelism of " + max + "; it must be at least 1");
            }
            return max;
        }

        /**
         * The parallelism a stage takes from its inputs: the largest; after a rebalance, the parallelism set on
         * the rebalance, else the job default.
         */
        private int inherited(Transform t) {
            int p = 0;
            for (Transform in : t.inputs()) {
                if (in.kind() == Kind.REBALANCE) {
                    return in.parallelism() > 0 ? in.parallelism() : config.parallelism();
                }
                p = Math.max(p, parallelism.get(in));
            }
            return p;
        }

        private void place(Transform t) {
            int p = parallelism.get(t);
            if (t.kind() != Kind.SOURCE && canFuse(t, p)) {
                VertexPlan v = vertexOf.get(t.inputs().get(0));
                v.append(t);
                vertexOf.put(t, v);
                return;
            }
            boolean twoStage = t.kind() != Kind.SOURCE && twoStage(t);
            if (twoStage) {
                VertexPlan producer = vertexOf.get(t.inputs().get(0));
                producer.append(localStage(t));
            }
            VertexPlan v = new VertexPlan(vertices.size(), p, t);
            v.setHeadCombinesPartials(twoStage);
            vertices.add(v);
            vertexOf.put(t, v);
            for (int input = 0; input < t.inputs().size(); input++) {
                Transform in = t.inputs().get(input);
                boolean rebalanced = false;
                Transform producer = in;
                while (producer.kind() == Kind.REBALANCE) {
                    rebalanced = true;
                    producer = producer.inputs().get(0);
                }
                VertexPlan from = vertexOf.get(producer);
                KeyFn<Object, Object> keyFn = twoStage && t.kind().isKeyed() ? WindowPartial.KEY : keyFn(t, input);
                EdgePlan e = new EdgePlan(from, v, edgeKind(t, rebalanced, from.parallelism() != p), keyFn, input);
                from.addOutbound(e);
                v.addInbound(e);
                edges.add(e);
            }
        }

        /**
         * Stateless stages and sinks fuse into their input's chain at equal parallelism. Keyed stages and
         * whole-stream windows fuse too when both sides have a single instance: every key then lives in that
         * one instance, so the partitioned edge would route every record to where it already is.
         */
        private boolean canFuse(Transform t, int p) {
            boolean single = t.kind().isKeyed() || t.kind() == Kind.WINDOW_ALL_AGGREGATE;
            if (!(t.kind().isFusable() || t.kind() == Kind.SINK || (single && p == 1)) || t.inputs().size() != 1) {
                return false;
            }
            Transform in = t.inputs().get(0);
            if (in.kind() == Kind.REBALANCE || consumers.get(in).size() != 1) {
                return false;
            }
            VertexPlan v = vertexOf.get(in);
            return v.last() == in && !v.endsInSink() && v.parallelism() == p;
        }

        /**
         * Whether a window that does not fuse with its input gets a local first stage at the end of its input's
         * chain ({@link LocalWindowStage}): tumbling and sliding windows without early results, and sessions that
         * combine locally, whose input feeds only them (no rebalance in between, and no sink ends that chain).
         */
        private boolean twoStage(Transform t) {
            if (!config.twoStageWindows()
                    || (t.kind() != Kind.WINDOW_AGGREGATE && t.kind() != Kind.WINDOW_ALL_AGGREGATE)
                    || !LocalWindowStage.supports(((WindowAggregation) t.function()).definition())
                    || t.inputs().size() != 1) {
                return false;
            }
            Transform in = t.inputs().get(0);
            if (in.kind() == Kind.REBALANCE || consumers.get(in).size() != 1 || uids.containsKey(localUid(t))) {
                return false;
            }
            VertexPlan from = vertexOf.get(in);
            return from.last() == in && !from.endsInSink();
        }

        private static String localUid(Transform window) {
            return window.uid() + "-local";
        }

        /** The local stage of window {@code t}: named and identified after it, with the window's function. */
        private static Transform localStage(Transform t) {
            Transform local = new Transform(t.id(), Kind.LOCAL_WINDOW_AGGREGATE, t.inputs(), t.function(),
                    t.name() + " (local)");
            local.setUid(localUid(t));
            return local;
        }

        private static EdgeKind edgeKind(Transform consumer, boolean rebalanced, boolean parallelismChange) {
            if (consumer.kind().isKeyed()) {
                return EdgeKind.PARTITIONED;
            }
            return rebalanced || parallelismChange ? EdgeKind.REBALANCE : EdgeKind.FORWARD;
        }

        private static KeyFn<Object, Object> keyFn(Transform consumer, int input) {
            if (consumer.kind().isKeyed()) {
                return ((KeyedFunction) consumer.function()).keyFn(input);
            }
            return null;
        }
    }
}
