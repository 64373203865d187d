package io.sluice.runtime.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpiryQueueTest {

    record Entry(long time, long seq, Object key) {
    }

    @Test
    void popsByTimeThenSequenceWhateverTheInsertionOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            ExpiryQueue q = new ExpiryQueue();
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Entry e = new Entry(random.nextInt(50), i, "k" + i);
                entries.add(e);
            }
            java.util.Collections.shuffle(entries, random);
            List<Entry> popped = new ArrayList<>();
            int next = 0;
            while (next < entries.size() || !q.isEmpty()) {
                if (next < entries.size() && (q.isEmpty() || random.nextBoolean())) {
                    Entry e = entries.get(next++);
                    q.add(e.time(), e.seq(), e.key(), 0, null);
                } else {
                    popped.add(new Entry(q.peekTime(), -1, q.peekKey()));
                    q.pop();
                }
            }
            assertThat(popped).hasSize(500);
            assertThat(q.size()).isZero();
        }
        ExpiryQueue q = new ExpiryQueue();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(new Entry(random.nextInt(20), random.nextInt(1_000_000), "k" + i));
        }
        entries.forEach(e -> q.add(e.time(), e.seq(), e.key(), 0, null));
        entries.sort(Comparator.comparingLong(Entry::time).thenComparingLong(Entry::seq));
        for (Entry e : entries) {
            assertThat(q.peekTime()).isEqualTo(e.time());
            assertThat(q.peekKey()).isEqualTo(e.key());
            q.pop();
        }
        assertThat(q.isEmpty()).isTrue();
    }
}
