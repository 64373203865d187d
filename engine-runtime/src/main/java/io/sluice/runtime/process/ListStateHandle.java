package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import io.sluice.api.state.ListState;
import io.sluice.api.state.StateDescriptor;
import io.sluice.runtime.state.KeyedStateBackend;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** {@link ListState}: an array list per key. An empty list is no list: the key's cell is removed. */
final class ListStateHandle extends StateHandle<ListStateHandle.ListCell> implements ListState<Object> {

    static final class ListCell extends StateHandle.Cell {
        final ArrayList<Object> list = new ArrayList<>(4);
    }

    ListStateHandle(StateDescriptor<?> descriptor, KeyScope scope, KeyedStateBackend backend, TimerService timers) {
        super(descriptor, scope, backend, timers, codec(descriptor.valueCodec()));
    }

    /** {@code long expiresAt, int n}, then n framed elements. */
    private static Codec<ListCell> codec(Codec<?> valueCodec) {
        return new Codec<>() {
            @Override
            public Class<ListCell> type() {
                return ListCell.class;
            }

            @Override
            public void encode(ListCell cell, OutputStream out) throws IOException {
                DataOutputStream data = new DataOutputStream(out);
                data.writeLong(cell.expiresAt);
                data.writeInt(cell.list.size());
                for (Object v : cell.list) {
                    CellBytes.writeFramed(data, valueCodec, v);
                }
                data.flush();
            }

            @Override
            public ListCell decode(byte[] bytes, int offset, int length) throws IOException {
                CellBytes in = new CellBytes(bytes, offset, length);
                ListCell cell = new ListCell();
                cell.expiresAt = in.readLong();
                int n = in.readCount(4);
                cell.list.ensureCapacity(n);
                for (int i = 0; i < n; i++) {
                    cell.list.add(in.readFramed(valueCodec));
                }
                in.expectEnd();
                return cell;
            }
        };
    }

    @Override
    ListCell newCell() {
        return new ListCell();
    }

    @Override
    public List<Object> get() {
        ListCell c = cell();
        return c == null ? List.of() : Collections.unmodifiableList(c.list);
    }

    @Override
    public void add(Object value) {
        Objects.requireNonNull(value, () -> descriptor + ": list elements must not be null");
        cellForWrite().list.add(value);
    }

    @Override
    public void update(List<?> values) {
        if (values.isEmpty()) {
            clear();
            return;
        }
        // One array copy first: values may be a view of this very list (a function keeping a tail of get()),
        // and checking and adding from an array spares the view's iterators.
        Object[] copy = values.toArray();
        for (Object v : copy) {
            Objects.requireNonNull(v, () -> descriptor + ": list elements must not be null");
        }
        ArrayList<Object> list = cellForWrite().list;
        list.clear();
        Collections.addAll(list, copy);
    }

    @Override
    public int size() {
        ListCell c = cell();
        return c == null ? 0 : c.list.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }
}
