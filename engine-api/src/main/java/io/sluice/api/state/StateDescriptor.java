package io.sluice.api.state;

import io.sluice.api.codec.Codec;
import java.util.Objects;

/**
 * Declares one piece of keyed state of a {@link KeyedProcessFunction}: its kind, a name that is unique within
 * the function and stable across versions of the job (snapshots find the state by it), explicit codecs for
 * snapshots, and an optional time-to-live.
 *
 * <pre>{@code
 * static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");
 * static final StateDescriptor<ValueState<Auction>> AUCTION =
 *         StateDescriptor.value("auction", Codecs.json(Auction.class))
 *                        .withTtl(StateTtl.eventTime(Duration.ofHours(1)));
 * }</pre>
 *
 * Descriptors are immutable values, usually {@code static final} constants of the function: declare them in
 * {@link KeyedProcessFunction#open}, then get the handle of the current key with {@link ProcessContext#state}.
 *
 * @param <S> the handle type: {@link ValueState}, {@link LongValueState}, {@link MapState} or {@link ListState}
 */
public final class StateDescriptor<S extends State> {

    /** The kinds of keyed state. */
    public enum Kind { VALUE, LONG_VALUE, MAP, LIST }

    private final String name;
    private final Kind kind;
    private final Codec<?> keyCodec;
    private final Codec<?> valueCodec;
    private final StateTtl ttl;

    private StateDescriptor(String name, Kind kind, Codec<?> keyCodec, Codec<?> valueCodec, StateTtl ttl) {
        this.name = name;
        this.kind = kind;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.ttl = ttl;
    }

    /** A {@link ValueState}: one value per key, written to snapshots with {@code codec}. */
    public static <V> StateDescriptor<ValueState<V>> value(String name, Codec<V> codec) {
        return new StateDescriptor<>(checkName(name), Kind.VALUE, null, Objects.requireNonNull(codec, "codec"), null);
    }

    /** A {@link LongValueState}: one unboxed {@code long} per key (a counter, a sum, a timestamp). */
    public static StateDescriptor<LongValueState> longValue(String name) {
        return new StateDescriptor<>(checkName(name), Kind.LONG_VALUE, null, null, null);
    }

    /** A {@link MapState}: a map per key, its keys and values written with the given codecs. */
    public static <UK, UV> StateDescriptor<MapState<UK, UV>> map(String name, Codec<UK> keyCodec, Codec<UV> valueCodec) {
        return new StateDescriptor<>(checkName(name), Kind.MAP, Objects.requireNonNull(keyCodec, "keyCodec"),
                Objects.requireNonNull(valueCodec, "valueCodec"), null);
    }

    /** A {@link ListState}: a list per key, its elements written with {@code codec}. */
    public static <V> StateDescriptor<ListState<V>> list(String name, Codec<V> codec) {
        return new StateDescriptor<>(checkName(name), Kind.LIST, null, Objects.requireNonNull(codec, "codec"), null);
    }

    /** This descriptor with a time-to-live (see {@link StateTtl} for exactly when state expires). */
    public StateDescriptor<S> withTtl(StateTtl newTtl) {
        return new StateDescriptor<>(name, kind, keyCodec, valueCodec, Objects.requireNonNull(newTtl, "ttl"));
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The codec of a map's keys; {@code null} for other kinds. */
    public Codec<?> keyCodec() {
        return keyCodec;
    }

    /** The codec of values, map values or list elements; {@code null} for {@link Kind#LONG_VALUE}. */
    public Codec<?> valueCodec() {
        return valueCodec;
    }

    /** The time-to-live, or {@code null} when the state lives until it is cleared. */
    public StateTtl ttl() {
        return ttl;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.startsWith("__")) {
            throw new IllegalArgumentException("a state name must not be blank or start with '__' (reserved): '"
                    + name + "'");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateDescriptor<?> other && other.name.equals(name) && other.kind == kind
                && Objects.equals(other.keyCodec, keyCodec) && Objects.equals(other.valueCodec, valueCodec)
                && Objects.equals(other.ttl, ttl);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " state '" + name + "'" + (ttl == null ? "" : ", " + ttl);
    }
}
