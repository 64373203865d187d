package io.sluice.api.aggregate;

import static io.sluice.api.aggregate.AggregateOpVerifier.accumulate;
import static io.sluice.api.aggregate.AggregateOpVerifier.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Corrupt snapshot bytes must fail with an IOException naming the problem, never decode into garbage. */
class AccumulatorCodecTest {

    private static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price);

    static Stream<Arguments> ops() {
        return Stream.of(
                Aggregations.<Bid>counting(),
                Aggregations.summingDouble((Bid b) -> b.price()),
                Aggregations.averagingLong(Bid::price),
                Aggregations.averagingDouble((Bid b) -> b.price()),
                Aggregations.minLong(Bid::price),
                Aggregations.maxBy(BY_PRICE, Bid.CODEC),
                Aggregations.allMaxBy(BY_PRICE, Bid.CODEC),
                Aggregations.topN(4, BY_PRICE, Bid.CODEC),
                Aggregations.distinctCount(Bid::auction, Codecs.longs()),
                Aggregations.approximateDistinctCount(Bid::bidder),
                Aggregations.approximateDistinctCount(Bid::seq, 4),
                Aggregations.allOf(Aggregations.<Bid>counting(), Aggregations.topN(2, BY_PRICE, Bid.CODEC)))
                .map(op -> Arguments.of(op.toString(), op));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void truncatedOrExtendedBytesAreRejected(String name, AggregateOp<Bid, Object, Object> op) {
        Codec<Object> codec = op.accumulatorCodec();
        byte[] bytes = encode(codec, accumulate(op, op.create(), Bid.generate(60, 9)));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> codec.decode(truncated)).as("%s cut to %d of %d bytes", name, length, bytes.length)
                    .isInstanceOf(IOException.class);
        }
        byte[] extended = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> codec.decode(extended)).as("%s with a trailing byte", name)
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void codecsNameTheirType(String name, AggregateOp<Bid, Object, Object> op) throws IOException {
        Codec<Object> codec = op.accumulatorCodec();
        Object acc = accumulate(op, op.create(), List.of(new Bid(1, 2, 3, 0)));
        assertThat(codec.type()).isInstanceOf(Class.class);
        assertThat(codec.type().isInstance(codec.decode(encode(codec, acc)))).isTrue();
    }
}
