package io.sluice.connectors.gen;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the splits of one generator instance: makes the events of its indexes in ascending global order,
 * emits each with its event time, and ends each batch with a watermark of the largest event time seen minus
 * the model's out-of-order bound.
 *
 * <p>Called from one worker thread only (see {@link SourceReader}); never blocks. With a rate, it emits only
 * what is due and otherwise returns {@link ReadStatus#NOTHING_AVAILABLE}. The call that emits the last
 * event of a bounded source returns {@link ReadStatus#END_OF_INPUT} (its records are already in the output).
 *
 * @param <E> the generated event type
 * @param <T> the record type
 */
final class GeneratorReader<E, T> implements SourceReader<T> {

    private final EventModel<E> model;
    private final RecordConverter<E, T> converter;
    private final long limit;
    private final Throttle throttle;
    private final long watermarkLag;
    private final GeneratorSplit[] splits;
    /** Next index per split; {@code next[j]} advances by {@code splits[j].stride()}. */
    private final long[] next;
    private long maxTimestamp = Long.MIN_VALUE;

    /**
     * @param limit    one past the last global index, {@code Long.MAX_VALUE} when unbounded
     * @param throttle the rate limit, or {@code null}
     */
    GeneratorReader(EventModel<E> model, RecordConverter<E, T> converter, long limit, Throttle throttle,
                    List<GeneratorSplit> splits) {
        this.model = model;
        this.converter = converter;
        this.limit = limit;
        this.throttle = throttle;
        this.watermarkLag = model.outOfOrderBoundMillis();
        this.splits = splits.toArray(new GeneratorSplit[0]);
        this.next = new long[this.splits.length];
        for (int j = 0; j < this.splits.length; j++) {
            next[j] = this.splits[j].next();
        }
    }

    @Override
    public void open() {
    }

    @Override
    public ReadStatus read(SourceOutput<T> out, int maxRecords) {
        if (splits.length == 0) {
            return ReadStatus.END_OF_INPUT;
        }
        long due = throttle == null ? Long.MAX_VALUE : throttle.dueIndex(lowestNext());
        long maxTs = maxTimestamp;
        int emitted = 0;
        while (emitted < maxRecords) {
            // The split with the lowest next index goes first, so output follows the global order.
            int j = 0;
            long index = next[0];
            for (int k = 1; k < next.length; k++) {
                if (next[k] < index) {
                    index = next[k];
                    j = k;
                }
            }
            if (index >= limit || index > due) {
                break;
            }
            E event = model.event(index);
            long ts = model.timestamp(event);
            if (ts > maxTs) {
                maxTs = ts;
            }
            out.emit(converter.convert(event), ts);
            next[j] = index + splits[j].stride();
            emitted++;
        }
        maxTimestamp = maxTs;
        if (emitted > 0) {
            out.emitWatermark(maxTs - watermarkLag);
        }
        if (lowestNext() >= limit) {
            return ReadStatus.END_OF_INPUT;
        }
        return emitted > 0 || maxRecords <= 0 ? ReadStatus.MORE_AVAILABLE : ReadStatus.NOTHING_AVAILABLE;
    }

    private long lowestNext() {
        long lowest = Long.MAX_VALUE;
        for (long n : next) {
            lowest = Math.min(lowest, n);
        }
        return lowest;
    }

    @Override
    public List<SourceSplit> snapshotSplits(long checkpointId) {
        List<SourceSplit> snapshot = new ArrayList<>(splits.length);
        for (int j = 0; j < splits.length; j++) {
            snapshot.add(splits[j].at(next[j]));
        }
        return snapshot;
    }

    @Override
    public void close() {
    }
}
