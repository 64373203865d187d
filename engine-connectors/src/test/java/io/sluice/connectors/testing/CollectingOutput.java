package io.sluice.connectors.testing;

import io.sluice.api.connector.SourceOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SourceOutput} that keeps everything, and checks the watermark contract as it goes: watermarks
 * never go backwards and no record is at or below the last watermark.
 */
public final class CollectingOutput<T> implements SourceOutput<T> {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public final List<T> records = new ArrayList<>();
    public final List<Long> timestamps = new ArrayList<>();
    public final List<Long> watermarks = new ArrayList<>();
    public long lateRecords;
    public int idleMarks;

    @Override
    public void emit(T record) {
        records.add(record);
        timestamps.add(NO_TIMESTAMP);
    }

    @Override
    public void emit(T record, long timestamp) {
        if (!watermarks.isEmpty() && timestamp <= lastWatermark()) {
            lateRecords++;
        }
        records.add(record);
        timestamps.add(timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
        if (!watermarks.isEmpty() && watermark < lastWatermark()) {
            throw new AssertionError("watermark went back from " + lastWatermark() + " to " + watermark);
        }
        watermarks.add(watermark);
    }

    @Override
    public void markIdle() {
        idleMarks++;
    }

    public long lastWatermark() {
        return watermarks.get(watermarks.size() - 1);
    }
}
