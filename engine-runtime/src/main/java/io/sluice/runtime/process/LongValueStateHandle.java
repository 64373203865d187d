package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.StateDescriptor;
import io.sluice.runtime.state.KeyedStateBackend;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** {@link LongValueState}: a mutable {@code long} cell per key, so counting never boxes. */
final class LongValueStateHandle extends StateHandle<LongValueStateHandle.LongCell> implements LongValueState {

    static final class LongCell extends StateHandle.Cell {
        long value;
    }

    /** {@code long expiresAt, long value}. */
    private static final Codec<LongCell> CODEC = new Codec<>() {
        @Override
        public Class<LongCell> type() {
            return LongCell.class;
        }

        @Override
        public void encode(LongCell cell, OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeLong(cell.expiresAt);
            data.writeLong(cell.value);
            data.flush();
        }

        @Override
        public LongCell decode(byte[] bytes, int offset, int length) throws IOException {
            CellBytes in = new CellBytes(bytes, offset, length);
            LongCell cell = new LongCell();
            cell.expiresAt = in.readLong();
            cell.value = in.readLong();
            in.expectEnd();
            return cell;
        }
    };

    LongValueStateHandle(StateDescriptor<?> descriptor, KeyScope scope, KeyedStateBackend backend, TimerService timers) {
        super(descriptor, scope, backend, timers, CODEC);
    }

    @Override
    LongCell newCell() {
        return new LongCell();
    }

    @Override
    public long get() {
        LongCell c = cell();
        return c == null ? 0 : c.value;
    }

    @Override
    public long getOrDefault(long defaultValue) {
        LongCell c = cell();
        return c == null ? defaultValue : c.value;
    }

    @Override
    public void set(long value) {
        cellForWrite().value = value;
    }

    @Override
    public long add(long delta) {
        LongCell c = cellForWrite();
        return c.value += delta;
    }

    @Override
    public boolean isPresent() {
        return cell() != null;
    }
}
