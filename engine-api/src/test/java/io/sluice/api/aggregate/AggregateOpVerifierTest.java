package io.sluice.api.aggregate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier must catch the mistakes it exists for, or its passing means nothing. */
class AggregateOpVerifierTest {

    private static final List<Long> ITEMS = List.of(5L, 3L, 9L, 1L, 7L, 2L, 8L);

    @Test
    void catchesACombineThatReturnsItsRightAccumulator() {
        assertThatThrownBy(() -> AggregateOpVerifier.verify(new ListOp() {
            @Override
            public ArrayList<Long> combine(ArrayList<Long> left, ArrayList<Long> right) {
                right.addAll(0, left);
                return right;
            }
        }, ITEMS)).isInstanceOf(AssertionError.class).hasMessageContaining("right");
    }

    @Test
    void catchesACombineThatPutsRightFirst() {
        assertThatThrownBy(() -> AggregateOpVerifier.verify(new ListOp() {
            @Override
            public ArrayList<Long> combine(ArrayList<Long> left, ArrayList<Long> right) {
                left.addAll(0, right);
                return left;
            }
        }, ITEMS)).isInstanceOf(AssertionError.class).hasMessageContaining("items");
    }

    @Test
    void catchesACodecThatLosesState() {
        assertThatThrownBy(() -> AggregateOpVerifier.verify(new ListOp() {
            @Override
            public Codec<ArrayList<Long>> accumulatorCodec() {
                return new Codec<>() {
                    @Override
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    public Class<ArrayList<Long>> type() {
                        return (Class) ArrayList.class;
                    }

                    @Override
                    public void encode(ArrayList<Long> value, OutputStream out) throws IOException {
                        out.write(value.size());
                    }

                    @Override
                    public ArrayList<Long> decode(byte[] bytes, int offset, int length) {
                        return new ArrayList<>();
                    }
                };
            }
        }, ITEMS)).isInstanceOf(AssertionError.class).hasMessageContaining("restor");
    }

    @Test
    void catchesAnExportThatAliasesTheAccumulator() {
        assertThatThrownBy(() -> AggregateOpVerifier.verify(new ListOp() {
            @Override
            public List<Long> export(ArrayList<Long> acc) {
                return acc;
            }
        }, ITEMS)).isInstanceOf(AssertionError.class).hasMessageContaining("exported");
    }

    /** A correct op collecting the items in order, for the broken variants above to override. */
    private static class ListOp implements AggregateOp<Long, ArrayList<Long>, List<Long>> {
        @Override
        public ArrayList<Long> create() {
            return new ArrayList<>();
        }

        @Override
        public ArrayList<Long> accumulate(ArrayList<Long> acc, Long item) {
            acc.add(item);
            return acc;
        }

        @Override
        public ArrayList<Long> combine(ArrayList<Long> left, ArrayList<Long> right) {
            left.addAll(right);
            return left;
        }

        @Override
        public List<Long> export(ArrayList<Long> acc) {
            return List.copyOf(acc);
        }

        @Override
        public Codec<ArrayList<Long>> accumulatorCodec() {
            return new Codec<>() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Class<ArrayList<Long>> type() {
                    return (Class) ArrayList.class;
                }

                @Override
                public void encode(ArrayList<Long> value, OutputStream out) throws IOException {
                    for (long v : value) {
                        out.write((int) v);
                    }
                }

                @Override
                public ArrayList<Long> decode(byte[] bytes, int offset, int length) {
                    ArrayList<Long> list = new ArrayList<>();
                    for (int i = 0; i < length; i++) {
                        list.add((long) bytes[offset + i]);
                    }
                    return list;
                }
            };
        }
    }
}
