package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SliceAccumulators} against a {@code HashMap} model, with colliding keys, removals, growth and clears. */
class SliceAccumulatorsTest {

    /** Equal hash codes for every pair 2k, 2k+1: long probe runs that removal has to shift correctly. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return id / 2;
        }
    }

    @Test
    void behavesLikeAMapThroughInsertsRemovalsGrowthAndClears() {
        SplittableRandom random = new SplittableRandom(7);
        SliceAccumulators table = new SliceAccumulators();
        Map<Object, Object> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int range = step % 50_000 < 40_000 ? 64 : 3_000; // mostly few keys, at times a burst of many
            Object key = random.nextBoolean() ? new Colliding(random.nextInt(range)) : (Object) (long) random.nextInt(range);
            int op = random.nextInt(100);
            if (op < 70) {
                int slot = table.find(key);
                if (slot < 0) {
                    assertThat(model).doesNotContainKey(key);
                    table.insert(-slot - 1, key, step);
                    model.put(key, step);
                } else {
                    assertThat(table.accAt(slot)).isEqualTo(model.get(key));
                    table.setAcc(slot, step);
                    model.put(key, step);
                }
            } else if (op < 95) {
                assertThat(table.remove(key)).isEqualTo(model.remove(key));
            } else if (op == 99 && random.nextInt(20) == 0) {
                table.clear();
                model.clear();
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        Map<Object, Object> walked = new HashMap<>();
        for (int i = 0; i < table.capacity(); i++) {
            if (table.keyAt(i) != null) {
                walked.put(table.keyAt(i), table.accAt(i));
            }
        }
        assertThat(walked).isEqualTo(model);
    }

    @Test
    void aTableThatGrewForABurstShrinksWhenItClearsAFewKeys() {
        SliceAccumulators table = new SliceAccumulators();
        for (long k = 0; k < 10_000; k++) {
            table.insert(-table.find(k) - 1, k, k);
        }
        int burst = table.capacity();
        table.clear();
        table.insert(-table.find(1L) - 1, 1L, 1L);
        table.clear();
        assertThat(table.capacity()).isLessThan(burst);
        table.insert(-table.find(2L) - 1, 2L, 2L);
        assertThat(table.find(2L)).isNotNegative();
        assertThat(table.find(1L)).isNegative();
    }
}
