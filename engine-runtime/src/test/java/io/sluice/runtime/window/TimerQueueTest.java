package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    @Test
    void popsInTimeThenSequenceOrderWhilePushesAndPopsInterleave() {
        SplittableRandom random = new SplittableRandom(7);
        TimerQueue queue = new TimerQueue();
        List<long[]> pending = new ArrayList<>();
        Slices state = new Slices.Boxed();
        long seq = 0;
        long popped = Long.MIN_VALUE;
        for (int round = 0; round < 2_000; round++) {
            int pushes = random.nextInt(20);
            for (int i = 0; i < pushes; i++) {
                // times cluster on a few values, as window ends do, and never go below what was popped
                long time = Math.max(popped, 0) + random.nextInt(8) * 100;
                queue.push(time, seq, "k" + seq, state);
                pending.add(new long[] {time, seq});
                seq++;
            }
            pending.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
            int pops = random.nextInt(25);
            for (int i = 0; i < pops && !pending.isEmpty(); i++) {
                long[] expected = pending.remove(0);
                assertThat(queue.peekTime()).isEqualTo(expected[0]);
                assertThat(queue.peekSeq()).isEqualTo(expected[1]);
                assertThat(queue.peekKey()).isEqualTo("k" + expected[1]);
                assertThat(queue.peekState()).isSameAs(state);
                popped = expected[0];
                queue.pop();
            }
            assertThat(queue.size()).isEqualTo(pending.size());
            assertThat(queue.isEmpty()).isEqualTo(pending.isEmpty());
        }
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
        queue.push(5, seq, "again", state);
        assertThat(queue.peekKey()).isEqualTo("again");
    }
}
