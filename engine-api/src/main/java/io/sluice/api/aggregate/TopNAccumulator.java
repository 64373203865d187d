package io.sluice.api.aggregate;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The accumulator of {@link Aggregations#topN}: the best {@code n} items seen so far, in a bounded binary
 * heap whose root is the <em>worst</em> kept item, so a new item is compared with the root only and, if it is
 * better, replaces it with {@code O(log n)} work and no allocation.
 *
 * <p><b>Ranking.</b> Items rank by the comparator, greater first. Equal items rank by their position
 * {@code seq}: the number of items this accumulator had seen before that one, so the earlier item ranks first.
 * {@code combine(left, right)} shifts the right side's positions by the number of items the left side has
 * seen: positions are then exactly those of accumulating left's input followed by right's, ranks form a
 * total order, and keeping the best {@code n} of a union is the same whichever way the union is bracketed.
 * This is what makes {@code combine} associative and equal to sequential accumulation.
 *
 * <p>Not thread-safe, like every accumulator.
 */
final class TopNAccumulator<T> {

    private static final int INITIAL_CAPACITY = 8;

    private final int limit;
    private final Comparator<? super T> comparator;
    private Object[] items;
    private long[] seqs;
    private int size;
    /** Items offered so far, over the whole history of this accumulator and its combined partials. */
    private long seen;

    TopNAccumulator(int limit, Comparator<? super T> comparator) {
        this(limit, comparator, new Object[Math.min(limit, INITIAL_CAPACITY)], new long[Math.min(limit, INITIAL_CAPACITY)], 0);
    }

    private TopNAccumulator(int limit, Comparator<? super T> comparator, Object[] items, long[] seqs, int size) {
        this.limit = limit;
        this.comparator = comparator;
        this.items = items;
        this.seqs = seqs;
        this.size = size;
    }

    int size() {
        return size;
    }

    long seen() {
        return seen;
    }

    void setSeen(long seen) {
        this.seen = seen;
    }

    @SuppressWarnings("unchecked")
    T itemAt(int heapIndex) {
        return (T) items[heapIndex];
    }

    long seqAt(int heapIndex) {
        return seqs[heapIndex];
    }

    /** Offers the next item in arrival order. */
    void add(T item) {
        offer(item, seen++);
    }

    /** Adds every kept item of {@code other} as if its input had arrived after this one's; {@code other} is not changed. */
    void addAll(TopNAccumulator<T> other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.itemAt(i), seen + other.seqs[i]);
        }
        seen += other.seen;
    }

    /** Keeps {@code item} at position {@code seq} if it is among the best {@code limit}. */
    void offer(T item, long seq) {
        if (size < limit) {
            if (size == items.length) {
                int capacity = (int) Math.min(limit, 2L * items.length);
                items = Arrays.copyOf(items, capacity);
                seqs = Arrays.copyOf(seqs, capacity);
            }
            items[size] = item;
            seqs[size] = seq;
            siftUp(size++);
        } else if (ranksBefore(item, seq, itemAt(0), seqs[0])) {
            items[0] = item;
            seqs[0] = seq;
            siftDown(0, size);
        }
    }

    /** The kept items, best first, in a new unmodifiable list. */
    List<T> toSortedList() {
        TopNAccumulator<T> copy = new TopNAccumulator<>(limit, comparator, Arrays.copyOf(items, size),
                Arrays.copyOf(seqs, size), size);
        // Heap sort: move the worst (the root) to the end, repeatedly; the array ends up best first.
        for (int end = size - 1; end > 0; end--) {
            copy.swap(0, end);
            copy.siftDown(0, end);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(copy.items));
        return list;
    }

    /** Whether (a, seqA) ranks before, i.e. is better than, (b, seqB). */
    private boolean ranksBefore(T a, long seqA, T b, long seqB) {
        int c = comparator.compare(a, b);
        return c > 0 || c == 0 && seqA < seqB;
    }

    /** Heap order: a parent ranks after (is worse than) its children. */
    private boolean worse(int i, int j) {
        return ranksBefore(itemAt(j), seqs[j], itemAt(i), seqs[i]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int end) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= end) {
                return;
            }
            if (child + 1 < end && worse(child + 1, child)) {
                child++;
            }
            if (!worse(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int i, int j) {
        Object item = items[i];
        items[i] = items[j];
        items[j] = item;
        long seq = seqs[i];
        seqs[i] = seqs[j];
        seqs[j] = seq;
    }

    @Override
    public String toString() {
        return "TopN[limit=" + limit + ", seen=" + seen + ", best=" + toSortedList() + "]";
    }
}
