package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.KeyedStateBackend;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** {@link ValueState}: one object per key, in a cell that is updated in place. */
final class ValueStateHandle extends StateHandle<ValueStateHandle.ValueCell> implements ValueState<Object> {

    static final class ValueCell extends StateHandle.Cell {
        Object value;
    }

    ValueStateHandle(StateDescriptor<?> descriptor, KeyScope scope, KeyedStateBackend backend, TimerService timers) {
        super(descriptor, scope, backend, timers, codec(descriptor.valueCodec()));
    }

    /** {@code long expiresAt}, then the value's bytes (the rest of the cell). */
    private static Codec<ValueCell> codec(Codec<?> valueCodec) {
        return new Codec<>() {
            @Override
            public Class<ValueCell> type() {
                return ValueCell.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void encode(ValueCell cell, OutputStream out) throws IOException {
                DataOutputStream data = new DataOutputStream(out);
                data.writeLong(cell.expiresAt);
                data.flush();
                ((Codec<Object>) valueCodec).encode(cell.value, out);
            }

            @Override
            public ValueCell decode(byte[] bytes, int offset, int length) throws IOException {
                CellBytes in = new CellBytes(bytes, offset, length);
                ValueCell cell = new ValueCell();
                cell.expiresAt = in.readLong();
                cell.value = in.readRest(valueCodec);
                return cell;
            }
        };
    }

    @Override
    ValueCell newCell() {
        return new ValueCell();
    }

    @Override
    public Object get() {
        ValueCell c = cell();
        return c == null ? null : c.value;
    }

    @Override
    public void set(Object value) {
        Objects.requireNonNull(value, () -> descriptor + ": a value must not be null (clear() removes it)");
        cellForWrite().value = value;
    }

    @Override
    public boolean isPresent() {
        return cell() != null;
    }
}
