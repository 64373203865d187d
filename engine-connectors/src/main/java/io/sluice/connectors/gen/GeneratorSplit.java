package io.sluice.connectors.gen;

import io.sluice.api.connector.SourceSplit;

/**
 * One instance's share of a generator's events: global indexes {@code next, next + stride, next + 2*stride,
 * ...}. Split {@code k} of {@code S} starts at {@code next = k} with {@code stride = S}, the number of splits made:
 * the parallelism, or a multiple of it that is also a multiple of the model's partitions. The stride never
 * changes, so a split restored at another parallelism still makes exactly its own events. Immutable.
 *
 * @param index  the split's number, {@code 0 <= index < stride}
 * @param stride the number of splits created (a multiple of the parallelism and of the model's partitions)
 * @param next   the index of the next event to emit (the position)
 */
record GeneratorSplit(int index, int stride, long next) implements SourceSplit {

    GeneratorSplit {
        if (stride <= 0 || index < 0 || index >= stride || next < 0) {
            throw new IllegalArgumentException("invalid generator split: index " + index + ", stride " + stride
                    + ", next " + next);
        }
    }

    @Override
    public String splitId() {
        // zero-padded: a restore deals splits in split-id order, which must be the numeric order
        return String.format("gen-%05d-of-%d", index, stride);
    }

    /** This split positioned at {@code newNext}. */
    GeneratorSplit at(long newNext) {
        return new GeneratorSplit(index, stride, newNext);
    }
}
