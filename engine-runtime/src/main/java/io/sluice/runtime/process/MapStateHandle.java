package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import io.sluice.api.state.MapState;
import io.sluice.api.state.StateDescriptor;
import io.sluice.runtime.state.KeyedStateBackend;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link MapState}: a hash map per key. Removing the last entry removes the key's cell. */
final class MapStateHandle extends StateHandle<MapStateHandle.MapCell> implements MapState<Object, Object> {

    static final class MapCell extends StateHandle.Cell {
        final HashMap<Object, Object> map = new HashMap<>();
    }

    MapStateHandle(StateDescriptor<?> descriptor, KeyScope scope, KeyedStateBackend backend, TimerService timers) {
        super(descriptor, scope, backend, timers, codec(descriptor.keyCodec(), descriptor.valueCodec()));
    }

    /** {@code long expiresAt, int n}, then n x {@code { framed key, framed value }}. */
    private static Codec<MapCell> codec(Codec<?> keyCodec, Codec<?> valueCodec) {
        return new Codec<>() {
            @Override
            public Class<MapCell> type() {
                return MapCell.class;
            }

            @Override
            public void encode(MapCell cell, OutputStream out) throws IOException {
                DataOutputStream data = new DataOutputStream(out);
                data.writeLong(cell.expiresAt);
                data.writeInt(cell.map.size());
                for (Map.Entry<Object, Object> e : cell.map.entrySet()) {
                    CellBytes.writeFramed(data, keyCodec, e.getKey());
                    CellBytes.writeFramed(data, valueCodec, e.getValue());
                }
                data.flush();
            }

            @Override
            public MapCell decode(byte[] bytes, int offset, int length) throws IOException {
                CellBytes in = new CellBytes(bytes, offset, length);
                MapCell cell = new MapCell();
                cell.expiresAt = in.readLong();
                int n = in.readCount(8);
                for (int i = 0; i < n; i++) {
                    cell.map.put(in.readFramed(keyCodec), in.readFramed(valueCodec));
                }
                in.expectEnd();
                return cell;
            }
        };
    }

    @Override
    MapCell newCell() {
        return new MapCell();
    }

    @Override
    public Object get(Object userKey) {
        MapCell c = cell();
        return c == null ? null : c.map.get(userKey);
    }

    @Override
    public void put(Object userKey, Object value) {
        Objects.requireNonNull(userKey, () -> descriptor + ": map keys must not be null");
        Objects.requireNonNull(value, () -> descriptor + ": map values must not be null");
        cellForWrite().map.put(userKey, value);
    }

    @Override
    public Object remove(Object userKey) {
        MapCell c = cell();
        if (c == null) {
            return null;
        }
        Object removed = c.map.remove(userKey);
        if (c.map.isEmpty()) {
            clear();
        } else if (removed != null) {
            refresh(c);
        }
        return removed;
    }

    @Override
    public boolean contains(Object userKey) {
        MapCell c = cell();
        return c != null && c.map.containsKey(userKey);
    }

    @Override
    public int size() {
        MapCell c = cell();
        return c == null ? 0 : c.map.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Iterable<Map.Entry<Object, Object>> entries() {
        return view().entrySet();
    }

    @Override
    public Iterable<Object> keys() {
        return view().keySet();
    }

    @Override
    public Iterable<Object> values() {
        return view().values();
    }

    private Map<Object, Object> view() {
        MapCell c = cell();
        return c == null ? Map.of() : Collections.unmodifiableMap(c.map);
    }
}
