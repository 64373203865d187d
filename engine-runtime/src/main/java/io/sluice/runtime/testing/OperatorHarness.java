package io.sluice.runtime.testing;

import io.sluice.api.Stream;
import io.sluice.runtime.exec.ChainRuntime;
import io.sluice.runtime.exec.ControlItem;
import io.sluice.runtime.exec.OperatorFactory;
import io.sluice.runtime.exec.Outbox;
import io.sluice.runtime.exec.OutboundEdges;
import io.sluice.runtime.exec.ProcessorTasklet;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.time.Clock;
import io.sluice.runtime.exec.Watermark;
import io.sluice.runtime.op.HasSideOutput;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jctools.queues.SpscArrayQueue;

/**
 * Drives one operator the way a worker does, on the calling thread: records and watermarks go through a
 * real input queue and {@link ProcessorTasklet}, output comes out of a real outbox. Between pushes a test
 * can snapshot the operator and restore it into a fresh instance, and with {@link #outboxCapacity(int)} of 1
 * the outbox is full after every item, so the operator runs under constant backpressure.
 *
 * <pre>{@code
 * OperatorHarness h = OperatorHarness.of(() -> new MapOperator(x -> x + "!")).open();
 * h.process("a", "b");
 * assertThat(h.output()).containsExactly("a!", "b!");
 * }</pre>
 *
 * Records can carry event time ({@link #at}), watermarks can be pushed ({@link #watermarkOf},
 * {@link #watermark}), processing time comes from a {@link #clock} (e.g. a {@link ManualClock}), and a
 * multi-input operator gets {@link #inputs} channels. {@link #verify} runs an input through three modes (plain, snapshot-and-restore after every item, 1-slot
 * outbox) and checks each gives the expected output. Not thread-safe; use from one test thread.
 */
public final class OperatorHarness implements AutoCloseable {

    private static final int MAX_IDLE_ROUNDS = 10_000;

    private final Supplier<? extends Operator> factory;
    private int instance;
    private int parallelism = 1;
    private int maxKeyGroups = KeyGroups.DEFAULT_MAX_KEY_GROUPS;
    private int outboxCapacity = 1024;
    private int inputCount = 1;
    private Clock clock = Clock.SYSTEM;
    private SpscArrayQueue<Object>[] inputs;
    private SpscArrayQueue<Object> outputQueue;
    private Operator operator;
    private ProcessorTasklet tasklet;
    private final List<Object> output = new ArrayList<>();
    /** The side output port's queue, for operators that have one (a window's late events). */
    private SpscArrayQueue<Object> sideQueue;
    private final List<Object> sideOutput = new ArrayList<>();
    private final List<Long> outputTimestamps = new ArrayList<>();
    private final List<Long> watermarks = new ArrayList<>();

    private OperatorHarness(Supplier<? extends Operator> factory) {
        this.factory = factory;
    }

    /** A harness for operators made by {@code factory} (called again for every restore). */
    public static OperatorHarness of(Supplier<? extends Operator> factory) {
        return new OperatorHarness(Objects.requireNonNull(factory));
    }

    /** A harness for the operator that runs a DSL stage (e.g. the stream returned by {@code map(...)}). */
    public static OperatorHarness of(Stream<?> stage) {
        return of(() -> {
            Operator op = OperatorFactory.create(stage.transform(), false);
            if (op == null) {
                throw new IllegalArgumentException(stage.transform() + " has no operator to test");
            }
            return op;
        });
    }

    /** Runs as instance {@code instance} of {@code parallelism}, which decides the key groups it owns. */
    public OperatorHarness instance(int instance, int parallelism) {
        this.instance = instance;
        this.parallelism = parallelism;
        return this;
    }

    public OperatorHarness maxKeyGroups(int n) {
        this.maxKeyGroups = n;
        return this;
    }

    /** For a multi-input operator (a join): how many inputs it has. */
    public OperatorHarness inputs(int n) {
        this.inputCount = n;
        return this;
    }

    /** The processing-time clock (a {@link ManualClock} makes timers and timeouts deterministic). */
    public OperatorHarness clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** Items the outbox's queue holds; 1 means it is full after every item the operator emits. */
    public OperatorHarness outboxCapacity(int n) {
        this.outboxCapacity = n;
        return this;
    }

    /** Creates and opens the operator. */
    @SuppressWarnings("unchecked")
    public OperatorHarness open() {
        inputs = new SpscArrayQueue[inputCount];
        for (int i = 0; i < inputCount; i++) {
            inputs[i] = new SpscArrayQueue<>(1024);
        }
        outputQueue = new CapacityLimitedQueue(outboxCapacity);
        sideQueue = new CapacityLimitedQueue(outboxCapacity);
        startInstance();
        return this;
    }

    private void startInstance() {
        operator = factory.get();
        OperatorContext ctx = new OperatorContext("harness", operator.getClass().getSimpleName(), "op-under-test",
                instance, parallelism, maxKeyGroups, clock);
        OperatorContext outboxCtx = new OperatorContext("harness", "outbox", "outbox", instance, parallelism,
                maxKeyGroups, clock);
        Outbox outbox = operator instanceof HasSideOutput
                ? new Outbox(OutboundEdges.forward(outputQueue), OutboundEdges.forward(sideQueue))
                : new Outbox(OutboundEdges.forward(outputQueue));
        if (operator instanceof HasSideOutput withSide) {
            withSide.connectSideOutput(outbox.sidePort());
        }
        ChainRuntime chain = new ChainRuntime(List.of(operator, outbox), List.of(ctx, outboxCtx));
        int[] channelInput = null;
        if (inputCount > 1) {
            channelInput = new int[inputCount];
            for (int i = 0; i < inputCount; i++) {
                channelInput[i] = i;
            }
        }
        tasklet = new ProcessorTasklet("harness", inputs, channelInput, chain, 64, clock);
        try {
            tasklet.init();
        } catch (Exception e) {
            throw new IllegalStateException("operator failed to open: " + e.getMessage(), e);
        }
    }

    /**
     * Pushes records and runs the operator until it consumed them all. An item made with {@link #at} carries a
     * timestamp, one made with {@link #watermarkOf} is a watermark; anything else is a record without one.
     */
    public OperatorHarness process(Object... items) {
        for (Object item : items) {
            if (item instanceof InputItem routed) {
                push(routed.input(), routed.item());
            } else if (item instanceof Watermark && inputCount > 1) {
                for (int i = 0; i < inputCount; i++) {
                    push(i, item); // a multi-input operator's watermark is the minimum over its inputs
                }
            } else {
                push(0, item);
            }
        }
        runUntilInputConsumed();
        return this;
    }

    /**
     * An item for input {@code input} of a multi-input operator, for {@link #process} and the inputs of
     * {@link #verify}. Items not wrapped go to input 0, except watermarks, which go to every input.
     */
    public static Object onInput(int input, Object item) {
        return new InputItem(input, item);
    }

    private record InputItem(int input, Object item) {
    }

    /** Pushes records into input {@code input} of a multi-input operator. */
    public OperatorHarness processInput(int input, Object... items) {
        for (Object item : items) {
            push(input, item);
        }
        runUntilInputConsumed();
        return this;
    }

    /** A record with an event-time timestamp, for {@link #process}. */
    public static Object at(Object item, long timestamp) {
        return new TimestampedItem(item, timestamp);
    }

    /** A watermark, for {@link #process} (and the inputs of {@link #verify}). */
    public static Object watermarkOf(long timestamp) {
        return new Watermark(timestamp);
    }

    /** Lets processing time reach the operator (after advancing a {@link ManualClock}). */
    public OperatorHarness tick() {
        int idle = 0;
        for (int i = 0; i < 2; i++) {
            idle = step(idle);
        }
        runUntilInputConsumed();
        return this;
    }

    /** Pushes every record of a list. */
    public OperatorHarness processAll(List<?> items) {
        return process(items.toArray());
    }

    /** Pushes a watermark (into every input). */
    public OperatorHarness watermark(long timestamp) {
        for (int i = 0; i < inputCount; i++) {
            push(i, new Watermark(timestamp));
        }
        runUntilInputConsumed();
        return this;
    }

    /** Signals end of input (on every input) and runs the operator until it finished. */
    public OperatorHarness finish() {
        for (int i = 0; i < inputCount; i++) {
            push(i, ControlItem.END_OF_STREAM);
        }
        int idle = 0;
        while (!tasklet.isDone()) {
            idle = step(idle);
        }
        collect(Integer.MAX_VALUE);
        return this;
    }

    /** Everything the operator emitted so far. */
    public List<Object> output() {
        collect(Integer.MAX_VALUE);
        return new ArrayList<>(output);
    }

    /** Everything the operator sent to its side output so far (a window's late events), without timestamps. */
    public List<Object> sideOutput() {
        collect(Integer.MAX_VALUE);
        return new ArrayList<>(sideOutput);
    }

    /** Returns the output so far and forgets it. */
    public List<Object> takeOutput() {
        List<Object> out = output();
        output.clear();
        outputTimestamps.clear();
        return out;
    }

    /** The output so far as {@code item@timestamp} pairs ({@link io.sluice.runtime.op.Operator#NO_TIMESTAMP} when none). */
    public List<TimestampedItem> timestampedOutput() {
        collect(Integer.MAX_VALUE);
        List<TimestampedItem> out = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            out.add(new TimestampedItem(output.get(i), outputTimestamps.get(i)));
        }
        return out;
    }

    /** Watermarks the operator passed on. */
    public List<Long> watermarks() {
        collect(Integer.MAX_VALUE);
        return new ArrayList<>(watermarks);
    }

    /** The operator instance currently under test. */
    public Operator operator() {
        return operator;
    }

    /** Snapshots the operator's state, as a checkpoint would between two records. */
    public StateSnapshot snapshot() {
        StateWriter writer = new StateWriter(maxKeyGroups);
        try {
            operator.snapshot(writer);
            return writer.toSnapshot();
        } catch (Exception e) {
            throw new IllegalStateException("snapshot failed: " + e.getMessage(), e);
        }
    }

    /** Replaces the operator by a fresh instance restored from {@code snapshot}; output so far is kept. */
    public OperatorHarness restore(StateSnapshot snapshot) {
        closeTasklet();
        startInstance();
        OperatorContext ctx = operator.context();
        try {
            operator.restore(new StateReader(snapshot, ctx.firstKeyGroup(), ctx.endKeyGroup(), ctx.maxKeyGroups()));
        } catch (Exception e) {
            throw new IllegalStateException("restore failed: " + e.getMessage(), e);
        }
        return this;
    }

    /** {@link #snapshot()} then {@link #restore(StateSnapshot)}: the operator must carry on as if nothing happened. */
    public OperatorHarness snapshotAndRestore() {
        return restore(snapshot());
    }

    /** Closes the operator; a failure to close is a test failure. */
    @Override
    public void close() {
        if (tasklet != null) {
            closeTasklet();
            tasklet = null;
        }
    }

    private void closeTasklet() {
        try {
            tasklet.close();
        } catch (Exception e) {
            throw new IllegalStateException("operator failed to close: " + e.getMessage(), e);
        }
    }

    /**
     * Feeds {@code input} then end of input, in three modes, and checks each produced exactly
     * {@code expected} (in order): plainly; with snapshot and restore after every item; with a 1-slot outbox.
     * Items made with {@link #onInput} give the operator as many inputs as the highest one used.
     *
     * @throws AssertionError naming the mode that differed
     */
    public static void verify(Supplier<? extends Operator> factory, List<?> input, List<?> expected) {
        int inputs = 1;
        for (Object item : input) {
            if (item instanceof InputItem routed) {
                inputs = Math.max(inputs, routed.input() + 1);
            }
        }
        check("plain", expected, run(of(factory).inputs(inputs), input, false));
        check("snapshot+restore after every item", expected, run(of(factory).inputs(inputs), input, true));
        check("1-slot outbox", expected, run(of(factory).inputs(inputs).outboxCapacity(1), input, false));
    }

    /**
     * {@link #verify(Supplier, List, List)}, and also checks that the side output (a window's late events) is
     * exactly {@code expectedSideOutput} in each of the three modes.
     */
    public static void verify(Supplier<? extends Operator> factory, List<?> input, List<?> expected,
                              List<?> expectedSideOutput) {
        verify(factory, input, expected);
        OperatorHarness plain = of(factory);
        run(plain, input, false);
        check("plain, side output", expectedSideOutput, plain.sideOutput());
        OperatorHarness restored = of(factory);
        run(restored, input, true);
        check("snapshot+restore after every item, side output", expectedSideOutput, restored.sideOutput());
        OperatorHarness slow = of(factory).outboxCapacity(1);
        run(slow, input, false);
        check("1-slot outbox, side output", expectedSideOutput, slow.sideOutput());
    }

    private static List<Object> run(OperatorHarness h, List<?> input, boolean restoreEachItem) {
        try (h) {
            h.open();
            for (Object item : input) {
                h.process(item);
                if (restoreEachItem) {
                    h.snapshotAndRestore();
                }
            }
            h.finish();
            return h.output();
        }
    }

    private static void check(String mode, List<?> expected, List<Object> actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("mode '" + mode + "': expected " + expected + " but got " + actual);
        }
    }

    private void push(int input, Object item) {
        int idle = 0;
        while (!inputs[input].offer(item)) {
            idle = step(idle);
        }
    }

    private void runUntilInputConsumed() {
        int idle = 0;
        while (!allInputsEmpty() || tasklet.chain().hasPending()) {
            idle = step(idle);
        }
    }

    private boolean allInputsEmpty() {
        for (SpscArrayQueue<Object> q : inputs) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** One worker round, then the consumer side takes what a slow reader would (one item when the outbox is 1 slot). */
    private int step(int idleRounds) {
        int work;
        try {
            work = tasklet.doWork();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        work += collect(outboxCapacity == 1 ? 1 : Integer.MAX_VALUE);
        if (work > 0) {
            return 0;
        }
        if (idleRounds > MAX_IDLE_ROUNDS) {
            throw new AssertionError("operator made no progress in " + MAX_IDLE_ROUNDS + " rounds");
        }
        return idleRounds + 1;
    }

    private int collect(int max) {
        int n = 0;
        Object item;
        while (n < max && (item = sideQueue.relaxedPoll()) != null) {
            n++;
            if (item instanceof TimestampedItem) {
                sideOutput.add(((TimestampedItem) item).item());
            } else if (!(item instanceof ControlItem)) {
                sideOutput.add(item);
            }
        }
        while (n < max && (item = outputQueue.relaxedPoll()) != null) {
            n++;
            if (item instanceof Watermark) {
                watermarks.add(((Watermark) item).timestamp());
            } else if (item instanceof TimestampedItem) {
                output.add(((TimestampedItem) item).item());
                outputTimestamps.add(((TimestampedItem) item).timestamp());
            } else if (!(item instanceof ControlItem)) {
                output.add(item);
                outputTimestamps.add(io.sluice.runtime.op.Operator.NO_TIMESTAMP);
            }
        }
        return n;
    }
}
