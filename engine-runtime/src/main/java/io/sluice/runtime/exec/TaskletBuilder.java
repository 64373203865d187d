package io.sluice.runtime.exec;

import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.api.transform.Transform;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.checkpoint.RestoredCheckpoint;
import io.sluice.runtime.op.HasSideOutput;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.plan.EdgeKind;
import io.sluice.runtime.plan.EdgePlan;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.runtime.window.LocalWindowStage;
import io.sluice.runtime.window.RestoredWindowWatermark;
import io.sluice.runtime.window.WindowOperator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jctools.queues.SpscArrayQueue;

/**
 * Builds the runtime objects of a plan: one SPSC queue per connected (producer, consumer) instance pair of
 * every edge, then per vertex instance the operator chain, its outbox and its tasklet.
 */
final class TaskletBuilder {

    /** Creates the reader of one source instance (the execution supplies the context). */
    interface ReaderFactory {
        SourceReader<?> create(Source<?> source, int instance, int parallelism, List<SourceSplit> splits) throws Exception;
    }

    private final PhysicalPlan plan;
    private final JobConfig config;
    private final ReaderFactory readers;
    private final Map<EdgePlan, SpscArrayQueue<Object>[][]> queues = new IdentityHashMap<>();
    private final List<Tasklet> built = new ArrayList<>();
    private final RestoredCheckpoint restored;
    /** Per two-stage window (by its function), after a restore. */
    private final Map<Object, RestoredWindowWatermark> restoredWindows = new IdentityHashMap<>();
    /** The job's one alignment group (every instance of every aligned source), or {@code null}. */
    private WatermarkAlignment alignment;
    private int nextAlignmentSlot;

    /**
     * @param restored the checkpoint to start from (state by uid, source splits by uid), or {@code null}
     */
    TaskletBuilder(PhysicalPlan plan, JobConfig config, ReaderFactory readers, RestoredCheckpoint restored) {
        this.plan = plan;
        this.config = config;
        this.readers = readers;
        this.restored = restored;
    }

    /** Builds every tasklet; if one cannot be built, closes those already made (their readers) and rethrows. */
    List<VertexRuntime> build() throws Exception {
        for (EdgePlan e : plan.edges()) {
            queues.put(e, createQueues(e));
        }
        int aligned = 0;
        for (VertexPlan v : plan.vertices()) {
            if (v.isSource() && v.first().watermarkPolicy().maxDrift() != null) {
                aligned += v.parallelism();
            }
        }
        alignment = aligned == 0 ? null : new WatermarkAlignment(aligned);
        List<VertexRuntime> result = new ArrayList<>();
        try {
            for (VertexPlan v : plan.vertices()) {
                result.add(buildVertex(v));
            }
        } catch (Exception | Error e) {
            for (Tasklet t : built) {
                try {
                    t.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private SpscArrayQueue<Object>[][] createQueues(EdgePlan e) {
        int producers = e.from().parallelism();
        int consumers = e.to().parallelism();
        SpscArrayQueue<Object>[][] q = new SpscArrayQueue[producers][consumers];
        for (int p = 0; p < producers; p++) {
            for (int c = 0; c < consumers; c++) {
                if (e.kind() != EdgeKind.FORWARD || p == c) {
                    q[p][c] = new SpscArrayQueue<>(config.queueCapacity());
                }
            }
        }
        return q;
    }

    /**
     * The restored watermark of the two-stage window whose function is {@code window}, shared by its instances
     * (which report it) and its local stages (which fold nothing below it).
     */
    private RestoredWindowWatermark restoredWindow(Object window) {
        return restoredWindows.computeIfAbsent(window, f -> {
            for (VertexPlan w : plan.vertices()) {
                if (w.headCombinesPartials() && w.first().function() == f) {
                    return new RestoredWindowWatermark(w.parallelism());
                }
            }
            throw new IllegalStateException("no window vertex combines the partials of " + f);
        });
    }

    private VertexRuntime buildVertex(VertexPlan v) throws Exception {
        int p = v.parallelism();
        List<SourceSplit> splits = v.isSource() ? splitsOf(v, p) : List.of();
        List<Tasklet> tasklets = new ArrayList<>();
        List<Operator[]> operators = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            List<Operator> chainOps = new ArrayList<>();
            List<OperatorContext> contexts = new ArrayList<>();
            Operator[] byTransform = new Operator[v.chain().size()];
            for (int j = 0; j < v.chain().size(); j++) {
                Transform t = v.chain().get(j);
                Operator op = OperatorFactory.create(t, config.checkpoint() != null, j == 0 && v.headCombinesPartials());
                if (restored != null) {
                    if (op instanceof LocalWindowStage local) {
                        local.foldOnlyAfter(restoredWindow(t.function()));
                    } else if (j == 0 && v.headCombinesPartials()) {
                        ((WindowOperator) op).reportRestoredWatermark(restoredWindow(t.function()));
                    }
                }
                if (op != null) {
                    byTransform[j] = op;
                    chainOps.add(op);
                    contexts.add(context(t.name(), t.uid(), i, p));
                }
            }
            if (!v.endsInSink()) {
                Outbox outbox = outbox(v, i);
                chainOps.add(outbox);
                contexts.add(context("outbox of v" + v.id(), "outbox-v" + v.id(), i, p));
                if (outbox.hasSideOutput()) {
                    // The planner ends a vertex at an operator whose side output is read.
                    Operator last = byTransform[byTransform.length - 1];
                    if (!(last instanceof HasSideOutput)) {
                        throw new IllegalStateException(v + " feeds a side output, but " + v.last() + " has none");
                    }
                    ((HasSideOutput) last).connectSideOutput(outbox.sidePort());
                }
            }
            ChainRuntime chain = new ChainRuntime(chainOps, contexts);
            if (restored != null) {
                chain.restoreOnOpen(restored.states(), restored.checkpointId());
            }
            String name = "v" + v.id() + "#" + i + " [" + v.name() + "]";
            if (v.isSource()) {
                List<SourceSplit> mine = new ArrayList<>();
                for (int s = i; s < splits.size(); s += p) {
                    mine.add(splits.get(s));
                }
                SourceReader<?> reader = readers.create((Source<?>) v.first().function(), i, p, List.copyOf(mine));
                String sourceName = "'" + v.first().name() + "' (" + v.first().uid() + (p > 1 ? ", instance " + i : "") + ")";
                SourceTasklet source = new SourceTasklet(name, sourceName, reader, chain, config.batchSize(),
                        v.first().watermarkPolicy(), config.clock());
                if (v.first().watermarkPolicy().maxDrift() != null) {
                    source.alignWith(alignment, nextAlignmentSlot++, v.first().watermarkPolicy().maxDrift().toMillis());
                }
                tasklets.add(source);
                built.add(tasklets.get(tasklets.size() - 1));
            } else {
                List<int[]> inputs = new ArrayList<>();
                SpscArrayQueue<Object>[] channels = inputsOf(v, i, inputs);
                int[] channelInput = v.first().kind() == Transform.Kind.JOIN ? inputs.get(0) : null;
                tasklets.add(new ProcessorTasklet(name, channels, channelInput, chain, config.batchSize(), config.clock()));
            }
            operators.add(byTransform);
        }
        return new VertexRuntime(v, tasklets, operators);
    }

    /**
     * A fresh start asks the source for splits; a restore takes the splits (with positions) the checkpoint
     * recorded for this source's uid, from all former instances, in split-id order, so they can be dealt
     * round-robin over any number of new instances.
     */
    private List<SourceSplit> splitsOf(VertexPlan v, int parallelism) throws Exception {
        Source<?> source = (Source<?>) v.first().function();
        List<byte[]> recorded = restored == null ? null : restored.sourceSplits().get(v.first().uid());
        if (recorded == null) {
            return source.createSplits(parallelism);
        }
        List<SourceSplit> splits = new ArrayList<>();
        for (byte[] bytes : recorded) {
            splits.add(source.splitCodec().decode(bytes));
        }
        splits.sort(java.util.Comparator.comparing(SourceSplit::splitId));
        return splits;
    }

    private OperatorContext context(String name, String uid, int instance, int parallelism) {
        return new OperatorContext(plan.jobName(), name, uid, instance, parallelism, plan.maxKeyGroups(), config.clock());
    }

    /** The outbox of one instance; edges into a side output vertex form its side port. */
    private Outbox outbox(VertexPlan v, int instance) {
        List<OutboundEdge> main = new ArrayList<>();
        List<OutboundEdge> side = new ArrayList<>();
        for (EdgePlan e : v.outbound()) {
            SpscArrayQueue<Object>[] mine = queues.get(e)[instance];
            OutboundEdge edge;
            switch (e.kind()) {
                case FORWARD:
                    edge = new OutboundEdge.Forward(mine[instance]);
                    break;
                case REBALANCE:
                    edge = new OutboundEdge.RoundRobin(mine, instance);
                    break;
                case PARTITIONED:
                    edge = new OutboundEdge.Partitioned(mine, e.keyFn(), plan.maxKeyGroups(),
                            "'" + e.to().first().name() + "' (" + e.to().first().uid() + ")");
                    break;
                default:
                    throw new IllegalStateException("unknown edge kind " + e.kind());
            }
            (e.to().first().kind() == Transform.Kind.SIDE_OUTPUT ? side : main).add(edge);
        }
        return new Outbox(main.toArray(new OutboundEdge[0]), side.toArray(new OutboundEdge[0]));
    }

    /**
     * The inbound channels of one instance, and (in {@code channelInputOut}, one array) the logical input of
     * the vertex's first transform that each channel feeds.
     */
    @SuppressWarnings("unchecked")
    private SpscArrayQueue<Object>[] inputsOf(VertexPlan v, int instance, List<int[]> channelInputOut) {
        List<SpscArrayQueue<Object>> in = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        for (EdgePlan e : v.inbound()) {
            SpscArrayQueue<Object>[][] q = queues.get(e);
            for (SpscArrayQueue<Object>[] fromProducer : q) {
                if (fromProducer[instance] != null) {
                    in.add(fromProducer[instance]);
                    ordinals.add(e.input());
                }
            }
        }
        channelInputOut.add(ordinals.stream().mapToInt(Integer::intValue).toArray());
        return in.toArray(new SpscArrayQueue[0]);
    }
}
