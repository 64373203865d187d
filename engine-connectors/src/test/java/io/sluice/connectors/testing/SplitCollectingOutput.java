package io.sluice.connectors.testing;

import io.sluice.api.connector.SourceOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CollectingOutput} that also keeps what went through each {@link SourceOutput#forSplit split output}
 * (watermarks per split are what a Kafka reader must get right); every record also lands in the shared lists.
 */
public final class SplitCollectingOutput<T> implements SourceOutput<T> {

    public final CollectingOutput<T> all = new CollectingOutput<>();
    public final Map<String, CollectingOutput<T>> splits = new LinkedHashMap<>();
    public final Map<String, Integer> idleMarks = new LinkedHashMap<>();

    @Override
    public void emit(T record) {
        all.emit(record);
    }

    @Override
    public void emit(T record, long timestamp) {
        all.records.add(record);
        all.timestamps.add(timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
        all.watermarks.add(watermark);
    }

    @Override
    public void markIdle() {
        all.idleMarks++;
    }

    public List<T> records() {
        return all.records;
    }

    @Override
    public SourceOutput<T> forSplit(String splitId) {
        if (splits.containsKey(splitId)) {
            throw new AssertionError("forSplit(" + splitId + ") called twice");
        }
        CollectingOutput<T> split = new CollectingOutput<>();
        splits.put(splitId, split);
        SplitCollectingOutput<T> parent = this;
        return new SourceOutput<>() {
            @Override
            public void emit(T record) {
                split.emit(record);
                parent.emit(record);
            }

            @Override
            public void emit(T record, long timestamp) {
                split.emit(record, timestamp);
                parent.emit(record, timestamp);
            }

            @Override
            public void emitWatermark(long watermark) {
                split.emitWatermark(watermark);
            }

            @Override
            public void markIdle() {
                idleMarks.merge(splitId, 1, Integer::sum);
            }
        };
    }

    /** Everything a split emitted so far, in order. */
    public List<T> split(String splitId) {
        CollectingOutput<T> s = splits.get(splitId);
        return s == null ? new ArrayList<>() : s.records;
    }
}
