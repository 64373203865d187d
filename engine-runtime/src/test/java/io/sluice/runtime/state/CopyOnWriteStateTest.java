package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.time.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Copy-on-write snapshots of keyed state: a snapshot frozen at one moment and written on another thread while the
 * owner keeps changing the state (values in place too) must hold exactly the state of that moment.
 */
class CopyOnWriteStateTest {

    private static final int MAX_KEY_GROUPS = 8;

    /** A value that operators change in place, like an accumulator. */
    static final class Box {
        long v;

        Box(long v) {
            this.v = v;
        }
    }

    static final Codec<Box> BOX = new Codec<>() {
        @Override
        public Class<Box> type() {
            return Box.class;
        }

        @Override
        public void encode(Box value, OutputStream out) throws IOException {
            Codecs.writeLong(value.v, out);
        }

        @Override
        public Box decode(byte[] bytes, int offset, int length) throws IOException {
            return new Box(Codecs.longs().decode(bytes, offset, length));
        }

        @Override
        public Box copy(Box value) {
            return new Box(value.v);
        }
    };

    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    private static OperatorContext context() {
        return new OperatorContext("t", "op", "op-1", 0, 1, MAX_KEY_GROUPS, Clock.SYSTEM);
    }

    /** Keys whose hash codes collide in runs of 64 (long chains, path copying) mixed with ordinary ones. */
    private static Long key(Random rnd) {
        if (rnd.nextBoolean()) {
            long x = rnd.nextInt(64);
            long hash = rnd.nextInt(32);
            return x << 32 | (x ^ hash); // Long.hashCode is high ^ low: 64 keys share each hash
        }
        return (long) rnd.nextInt(3_000) + 1_000_000;
    }

    @Test
    void snapshotsWrittenConcurrentlyEqualTheModelAtTheirFreeze() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            runModel(seed, 40_000, false);
        }
    }

    @Test
    void snapshotsOfLongValuesWrittenConcurrentlyEqualTheModelAtTheirFreeze() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            runModel(seed, 40_000, true);
        }
    }

    /** The operations of the model test on either kind of table. */
    private interface Table {
        /** The value of {@code k} or {@code null}; when present, changes it by {@code delta} in place. */
        Long getAndAdd(Long k, long delta);

        void put(Long k, long v);

        boolean remove(Long k);

        /** Adds {@code delta} to every value of key group {@code kg}, reporting each new value. */
        void addToAll(int kg, long delta, BiConsumer<Long, Long> changed);

        Map<Long, Long> contents();
    }

    private static Table boxes(KeyedStateBackend backend) {
        KeyedTable<Box> table = backend.table("values", BOX);
        return new Table() {
            @Override
            public Long getAndAdd(Long k, long delta) {
                Box b = table.get(k);
                if (b == null) {
                    return null;
                }
                long before = b.v;
                b.v += delta;
                return before;
            }

            @Override
            public void put(Long k, long v) {
                if (table.get(k) == null) {
                    table.insert(k, table.keyGroupOf(k), new Box(v)); // the windows' path for a new key
                } else {
                    table.put(k, new Box(v));
                }
            }

            @Override
            public boolean remove(Long k) {
                return table.remove(k);
            }

            @Override
            public void addToAll(int kg, long delta, BiConsumer<Long, Long> changed) {
                table.forEach(kg, (key, b) -> {
                    b.v += delta;
                    changed.accept((Long) key, b.v);
                });
            }

            @Override
            public Map<Long, Long> contents() {
                return CopyOnWriteStateTest.contents(table);
            }
        };
    }

    private static Table longs(KeyedStateBackend backend) {
        KeyedLongTable table = backend.longTable("values");
        Set<Long> everPut = new HashSet<>(); // a long table has no forEach (nothing needs it): contents() asks these
        return new Table() {
            @Override
            public Long getAndAdd(Long k, long delta) {
                int kg = table.keyGroupOf(k);
                KeyedLongTable.LongEntry e = table.find(k, kg);
                if (e == null) {
                    return null;
                }
                long before = e.value();
                table.set(e, kg, before + delta);
                return before;
            }

            @Override
            public void put(Long k, long v) {
                everPut.add(k);
                table.put(k, table.keyGroupOf(k), v);
            }

            @Override
            public boolean remove(Long k) {
                return table.remove(k);
            }

            @Override
            public void addToAll(int kg, long delta, BiConsumer<Long, Long> changed) {
                for (Long k : everPut) {
                    KeyedLongTable.LongEntry e = table.keyGroupOf(k) == kg ? table.find(k, kg) : null;
                    if (e != null) {
                        table.set(e, kg, e.value() + delta);
                        changed.accept(k, e.value());
                    }
                }
            }

            @Override
            public Map<Long, Long> contents() {
                Map<Long, Long> all = new HashMap<>();
                for (Long k : everPut) {
                    KeyedLongTable.LongEntry e = table.find(k, table.keyGroupOf(k));
                    if (e != null) {
                        all.put(k, e.value());
                    }
                }
                assertThat((long) all.size()).isEqualTo(table.size());
                return all;
            }
        };
    }

    private void runModel(long seed, int steps, boolean unboxed) throws Exception {
        Random rnd = new Random(seed);
        KeyedStateBackend backend = new KeyedStateBackend(context());
        Table table = unboxed ? longs(backend) : boxes(backend);
        Map<Long, Long> model = new HashMap<>();
        Map<Long, Long> expected = null;
        Future<StateSnapshot> inFlight = null;
        int snapshots = 0;
        for (int step = 0; step < steps; step++) {
            Long k = key(rnd);
            int op = rnd.nextInt(100);
            if (op < 40) { // read, then change in place, as operators do
                long delta = 1 + rnd.nextInt(5);
                Long before = table.getAndAdd(k, delta);
                assertThat(before).as("seed %d step %d get %d", seed, step, k).isEqualTo(model.get(k));
                if (before != null) {
                    model.put(k, before + delta);
                }
            } else if (op < 65) {
                long v = rnd.nextInt(1_000);
                table.put(k, v);
                model.put(k, v);
            } else if (op < 85) {
                assertThat(table.remove(k)).isEqualTo(model.remove(k) != null);
            } else if (op < 86) {
                table.addToAll(rnd.nextInt(MAX_KEY_GROUPS), 7, model::put);
            } else if (op < 88 && inFlight == null) {
                expected = new HashMap<>(model);
                DeferredState frozen = backend.freeze();
                inFlight = writer.submit(() -> {
                    StateWriter out = new StateWriter(MAX_KEY_GROUPS);
                    frozen.writeTo(out);
                    return out.toSnapshot();
                });
            } else if (op < 90 && inFlight != null) {
                assertThat(restore(inFlight.get())).as("seed %d: snapshot %d", seed, snapshots).isEqualTo(expected);
                inFlight = null;
                snapshots++;
            }
        }
        if (inFlight != null) {
            assertThat(restore(inFlight.get())).as("seed %d: last snapshot", seed).isEqualTo(expected);
            snapshots++;
        }
        assertThat(snapshots).isGreaterThan(100);
        assertThat(table.contents()).as("seed %d: live state", seed).isEqualTo(model);
    }

    private static Map<Long, Long> restore(StateSnapshot snapshot) throws IOException {
        KeyedStateBackend backend = new KeyedStateBackend(context());
        KeyedTable<Box> table = backend.table("values", BOX); // a long table's blocks read as 8-byte values too
        backend.restore(new StateReader(snapshot, 0, MAX_KEY_GROUPS, MAX_KEY_GROUPS), CopyOnWriteStateTest.class.getClassLoader());
        return contents(table);
    }

    private static Map<Long, Long> contents(KeyedTable<Box> table) {
        Map<Long, Long> all = new HashMap<>();
        for (int kg = 0; kg < MAX_KEY_GROUPS; kg++) {
            table.forEach(kg, (k, b) -> all.put((Long) k, b.v));
        }
        assertThat((long) all.size()).isEqualTo(table.size());
        return all;
    }

    @Test
    void aValueChangedAfterTheFreezeDoesNotLeakIntoTheSnapshot() throws Exception {
        KeyedStateBackend backend = new KeyedStateBackend(context());
        KeyedTable<Box> table = backend.table("values", BOX);
        for (long k = 0; k < 100; k++) {
            table.put(k, new Box(k));
        }
        Box before = table.get(5L);
        DeferredState frozen = backend.freeze();

        Box live = table.get(5L);
        live.v = 1_000;
        table.get(6L).v = 2_000;
        table.put(7L, new Box(3_000));
        table.remove(8L);
        table.put(500L, new Box(500));
        for (long k = 1_000; k < 1_400; k++) { // grows the key groups' bucket arrays under the snapshot
            table.put(k, new Box(k));
        }
        assertThat(live).as("the first get after a freeze copies").isNotSameAs(before);
        assertThat(table.get(5L)).as("then the copy is the live value").isSameAs(live);

        StateWriter out = new StateWriter(MAX_KEY_GROUPS);
        frozen.writeTo(out);
        Map<Long, Long> snapshot = restore(out.toSnapshot());
        Map<Long, Long> expected = new HashMap<>();
        for (long k = 0; k < 100; k++) {
            expected.put(k, k);
        }
        assertThat(snapshot).isEqualTo(expected);
        assertThat(before.v).as("the frozen value itself is untouched").isEqualTo(5);

        Box afterRelease = table.get(9L);
        assertThat(table.get(9L)).as("nothing is copied once the snapshot is written").isSameAs(afterRelease);
        assertThat(table.get(5L).v).isEqualTo(1_000);
        assertThat(table.get(8L)).isNull();
    }

    @Test
    void anAbandonedSnapshotStopsTheCopying() {
        KeyedStateBackend backend = new KeyedStateBackend(context());
        KeyedTable<Box> table = backend.table("values", BOX);
        table.put(1L, new Box(1));
        DeferredState frozen = backend.freeze();
        Box copied = table.get(1L);
        frozen.release();
        frozen.release(); // idempotent
        table.put(2L, new Box(2));
        List<Box> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(table.get(2L));
        }
        assertThat(seen).allSatisfy(b -> assertThat(b).isSameAs(seen.get(0)));
        assertThat(table.get(1L)).isSameAs(copied);
    }

    @Test
    void aSecondFreezeWhileOneIsInFlightKeepsBothIntact() throws Exception {
        KeyedStateBackend backend = new KeyedStateBackend(context());
        KeyedTable<Box> table = backend.table("values", BOX);
        table.put(1L, new Box(1));
        DeferredState first = backend.freeze();
        table.get(1L).v = 2;
        DeferredState second = backend.freeze();
        StateWriter secondOut = new StateWriter(MAX_KEY_GROUPS);
        second.writeTo(secondOut); // the newer one ends first: the older one must stay protected
        table.get(1L).v = 3;
        StateWriter firstOut = new StateWriter(MAX_KEY_GROUPS);
        first.writeTo(firstOut);
        assertThat(restore(firstOut.toSnapshot())).isEqualTo(Map.of(1L, 1L));
        assertThat(restore(secondOut.toSnapshot())).isEqualTo(Map.of(1L, 2L));
        assertThat(table.get(1L).v).isEqualTo(3);
    }

    @Test
    void aSecondFreezeOfLongValuesWhileOneIsInFlightKeepsBothIntact() throws Exception {
        KeyedStateBackend backend = new KeyedStateBackend(context());
        KeyedLongTable table = backend.longTable("values");
        int kg = table.keyGroupOf(1L);
        table.put(1L, kg, 1);
        DeferredState first = backend.freeze();
        table.put(1L, kg, 2);
        DeferredState second = backend.freeze();
        table.put(1L, kg, 3);
        StateWriter secondOut = new StateWriter(MAX_KEY_GROUPS);
        second.writeTo(secondOut);
        table.put(1L, kg, 4);
        StateWriter firstOut = new StateWriter(MAX_KEY_GROUPS);
        first.writeTo(firstOut);
        assertThat(restore(firstOut.toSnapshot())).isEqualTo(Map.of(1L, 1L));
        assertThat(restore(secondOut.toSnapshot())).isEqualTo(Map.of(1L, 2L));
        assertThat(table.get(1L, kg, 0)).isEqualTo(4);
    }

    @Test
    void aLongTableAndATableOfEightByteValuesRestoreEachOther() throws Exception {
        KeyedStateBackend boxed = new KeyedStateBackend(context());
        KeyedTable<Box> boxes = boxed.table("values", BOX);
        for (long k = 0; k < 500; k++) {
            boxes.put(k, new Box(k * 3));
        }
        StateWriter out = new StateWriter(MAX_KEY_GROUPS);
        boxed.freeze().writeTo(out);

        KeyedStateBackend unboxed = new KeyedStateBackend(context());
        KeyedLongTable longs = unboxed.longTable("values");
        unboxed.restore(new StateReader(out.toSnapshot(), 0, MAX_KEY_GROUPS, MAX_KEY_GROUPS), getClass().getClassLoader());
        assertThat(longs.size()).isEqualTo(500);
        for (long k = 0; k < 500; k++) {
            assertThat(longs.get(k, longs.keyGroupOf(k), -1)).isEqualTo(k * 3);
        }
        longs.put(7L, longs.keyGroupOf(7L), 70);
        StateWriter back = new StateWriter(MAX_KEY_GROUPS);
        unboxed.freeze().writeTo(back);
        Map<Long, Long> restored = restore(back.toSnapshot());
        assertThat(restored).hasSize(500).containsEntry(7L, 70L).containsEntry(499L, 1497L);
    }
}
