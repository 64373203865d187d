package io.sluice.api;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.codec.Codec;
import io.sluice.api.function.KeyFn;
import io.sluice.api.function.ReduceFn;
import io.sluice.api.join.JoinBuilder;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.transform.KeyedAggregation;
import io.sluice.api.transform.KeyedProcess;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowedStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A stream partitioned by key. Its stages keep state per key; the state of a key lives in the one worker
 * that owns the key's key group, so no two threads ever touch it.
 *
 * @param <K> the key type
 * @param <T> the item type
 */
public final class KeyedStream<K, T> {

    private final Stream<T> upstream;
    private final KeyFn<? super T, ? extends K> keyFn;

    KeyedStream(Stream<T> upstream, KeyFn<? super T, ? extends K> keyFn) {
        this.upstream = upstream;
        this.keyFn = keyFn;
    }

    /** The key extractor. */
    public KeyFn<? super T, ? extends K> keyFn() {
        return keyFn;
    }

    /**
     * A rolling reduction: for every item, combines it with the key's previous value and emits the new value.
     * The value is stored in snapshots with {@link io.sluice.api.codec.Codecs#forType} of its class.
     */
    @SuppressWarnings("unchecked")
    public Stream<T> reduce(ReduceFn<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return rolling(new ReducingOp<>(fn), (K key, Object value) -> (T) value, "reduce");
    }

    /** A rolling aggregation: for every item, folds it into the key's accumulator and emits key and result. */
    @SuppressWarnings("unchecked")
    public <A, R> Stream<KeyedValue<K, R>> aggregate(AggregateOp<? super T, A, ? extends R> op) {
        Objects.requireNonNull(op, "op");
        return rolling(op, (K key, Object result) -> new KeyedValue<>(key, (R) result), "aggregate");
    }

    /**
     * Joins this stream (the left side) with {@code other} (the right side) by key; choose the kind of join on
     * the returned builder (windowed, interval, stream–table or unbounded; see {@link JoinBuilder}).
     */
    public <U> JoinBuilder<K, T, U> join(KeyedStream<K, U> other) {
        Objects.requireNonNull(other, "other");
        Pipeline p = upstream.pipeline;
        if (other.upstream.pipeline != p) {
            throw new IllegalArgumentException("cannot join streams of different pipelines");
        }
        List<Transform> inputs = List.of(upstream.transform, other.upstream.transform);
        return new JoinBuilder<>(keyFn, other.keyFn,
                (spec, name) -> new Stream<>(p, p.add(Kind.JOIN, inputs, spec, name)));
    }

    /**
     * Groups each key's items into event-time windows (see {@link io.sluice.api.window.Windows}); aggregate
     * them on the returned stream, which also offers the late events as a stream of their own.
     */
    public WindowedStream<K, T> window(WindowDefinition definition) {
        Pipeline p = upstream.pipeline;
        return new WindowedStream<>(upstream.transform, keyFn, definition,
                (kind, input, fn, name) -> new Stream<>(p, p.add(kind, List.of(input), fn, name)));
    }

    /**
     * Runs a process function with keyed state and timers for every record (see {@link KeyedProcessFunction}
     * for how it is called and what its context offers). The function's state is held per key group.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R> Stream<R> process(KeyedProcessFunction<? super K, ? super T, R> fn) {
        Objects.requireNonNull(fn, "fn");
        KeyedProcess process = new KeyedProcess((KeyFn) keyFn, (KeyedProcessFunction) fn);
        Pipeline p = upstream.pipeline;
        return new Stream<>(p, p.add(Kind.KEYED_PROCESS, List.of(upstream.transform), process, "process"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <R> Stream<R> rolling(AggregateOp<?, ?, ?> op, BiFunction<K, Object, R> output, String name) {
        KeyedAggregation agg = new KeyedAggregation((KeyFn) keyFn, (AggregateOp) op, (BiFunction) output);
        Pipeline p = upstream.pipeline;
        return new Stream<>(p, p.add(Kind.ROLLING_AGGREGATE, List.of(upstream.transform), agg, name));
    }

    /** {@code reduce} as an {@link AggregateOp} whose accumulator is the current value, held in a box. */
    private static final class ReducingOp<T> implements AggregateOp<T, ReducingOp.Box<T>, T> {
        private final ReduceFn<T> fn;

        ReducingOp(ReduceFn<T> fn) {
            this.fn = fn;
        }

        @Override
        public Box<T> create() {
            return new Box<>();
        }

        @Override
        public Box<T> accumulate(Box<T> acc, T item) throws Exception {
            acc.value = acc.value == null ? item : fn.apply(acc.value, item);
            return acc;
        }

        @Override
        public Box<T> combine(Box<T> left, Box<T> right) {
            if (left.value == null) {
                left.value = right.value; // never hand back (and so share) the right accumulator
                return left;
            }
            if (right.value != null) {
                try {
                    left.value = fn.apply(left.value, right.value);
                } catch (Exception e) {
                    throw new IllegalStateException("reduce function failed while combining", e);
                }
            }
            return left;
        }

        @Override
        public T export(Box<T> acc) {
            return acc.value;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Codec<Box<T>> accumulatorCodec() {
            return (Codec) Box.CODEC;
        }

        /** The reduced value; its codec writes the class name, then the value with that class's codec. */
        static final class Box<T> {
            T value;

            static final Codec<Box<Object>> CODEC = new Codec<>() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Class<Box<Object>> type() {
                    return (Class) Box.class;
                }

                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public void encode(Box<Object> box, java.io.OutputStream out) throws java.io.IOException {
                    java.io.DataOutputStream data = new java.io.DataOutputStream(out);
                    if (box.value == null) {
                        data.writeUTF("");
                        data.flush();
                        return;
                    }
                    Class<?> type = box.value.getClass();
                    data.writeUTF(type.getName());
                    data.flush();
                    ((Codec) io.sluice.api.codec.Codecs.forType(type)).encode(box.value, out);
                }

                @Override
                public Box<Object> decode(byte[] bytes, int offset, int length) throws java.io.IOException {
                    java.io.DataInputStream data = new java.io.DataInputStream(
                            new java.io.ByteArrayInputStream(bytes, offset, length));
                    String typeName = data.readUTF();
                    Box<Object> box = new Box<>();
                    if (!typeName.isEmpty()) {
                        int consumed = 2 + java.nio.charset.StandardCharsets.UTF_8.encode(typeName).remaining();
                        Class<?> type;
                        try {
                            type = Class.forName(typeName, false, Thread.currentThread().getContextClassLoader());
                        } catch (ClassNotFoundException e) {
                            throw new java.io.IOException("reduced value of unknown class " + typeName, e);
                        }
                        box.value = io.sluice.api.codec.Codecs.forType(type)
                                .decode(bytes, offset + consumed, length - consumed);
                    }
                    return box;
                }
            };
        }
    }
}
