package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.FilterFn;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.KeyedFunction;
import java.util.Objects;

/**
 * The untyped function record of a {@link io.sluice.api.transform.Transform.Kind#JOIN}, read by the runtime:
 * the key of each input (input 0 is the left stream, input 1 the right one), the kind of join with its options,
 * and the user's function. Users build these through {@link JoinBuilder}.
 */
public sealed interface JoinSpec extends KeyedFunction {

    /** The key of left items (input 0). */
    KeyFn<Object, Object> leftKey();

    /** The key of right items (input 1). */
    KeyFn<Object, Object> rightKey();

    @Override
    default KeyFn<Object, Object> keyFn(int input) {
        return switch (input) {
            case 0 -> leftKey();
            case 1 -> rightKey();
            default -> throw new IllegalArgumentException("a join has inputs 0 and 1, not " + input);
        };
    }

    /**
     * A windowed join: windows of {@code sizeMillis} starting every {@code slideMillis} ({@code == sizeMillis} for
     * tumbling windows) at {@code offsetMillis} from the epoch.
     */
    record Windowed(KeyFn<Object, Object> leftKey, KeyFn<Object, Object> rightKey, long sizeMillis, long slideMillis,
                    long offsetMillis, boolean semi, Codec<Object> leftCodec, Codec<Object> rightCodec,
                    WindowJoinFn<Object, Object, Object> fn) implements JoinSpec {
        public Windowed {
            requireAll(leftKey, rightKey, leftCodec, rightCodec, fn);
        }
    }

    /** An interval join: {@code a} joins {@code b} when {@code a.ts + lowerMillis <= b.ts <= a.ts + upperMillis}. */
    record Interval(KeyFn<Object, Object> leftKey, KeyFn<Object, Object> rightKey, long lowerMillis, long upperMillis,
                    Codec<Object> leftCodec, Codec<Object> rightCodec, JoinFn<Object, Object, Object> fn)
            implements JoinSpec {
        public Interval {
            requireAll(leftKey, rightKey, leftCodec, rightCodec, fn);
        }
    }

    /** A stream–table join; {@code isDelete} is {@code null} when the changelog has no tombstones. */
    record Table(KeyFn<Object, Object> leftKey, KeyFn<Object, Object> rightKey, boolean leftOuter,
                 FilterFn<Object> isDelete, Codec<Object> tableCodec, JoinFn<Object, Object, Object> fn)
            implements JoinSpec {
        public Table {
            requireAll(leftKey, rightKey, tableCodec, fn);
        }
    }

    /** An unbounded symmetric inner join. */
    record Unbounded(KeyFn<Object, Object> leftKey, KeyFn<Object, Object> rightKey, Codec<Object> leftCodec,
                     Codec<Object> rightCodec, JoinFn<Object, Object, Object> fn) implements JoinSpec {
        public Unbounded {
            requireAll(leftKey, rightKey, leftCodec, rightCodec, fn);
        }
    }

    private static void requireAll(Object... parts) {
        for (Object part : parts) {
            Objects.requireNonNull(part);
        }
    }
}
