package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;

/**
 * The timers of one key: the value of the timer table, so timers are snapshotted per key group with the
 * rest of the keyed state. Keys have few timers, so lookups scan.
 *
 * <p>Snapshot layout (big-endian): {@code int n}, then n x {@code { byte kind, long timestamp, long seq }}.
 */
final class KeyTimers {

    static final Codec<KeyTimers> CODEC = new Codec<>() {
        @Override
        public Class<KeyTimers> type() {
            return KeyTimers.class;
        }

        @Override
        public void encode(KeyTimers value, OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(value.timers.size());
            for (Timer t : value.timers) {
                data.writeByte(t.kind);
                data.writeLong(t.timestamp);
                data.writeLong(t.seq);
            }
            data.flush();
        }

        @Override
        public KeyTimers decode(byte[] bytes, int offset, int length) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length));
            int n = in.readInt();
            if (n < 0 || n > length / 17) {
                throw new IOException("corrupt timer state: " + n + " timers in " + length + " bytes");
            }
            KeyTimers kt = new KeyTimers();
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                if (kind < Timer.EVENT || kind > Timer.PROCESSING_CLEANUP) {
                    throw new IOException("corrupt timer state: timer kind " + kind);
                }
                kt.timers.add(new Timer(null, -1, kind, in.readLong(), in.readLong()));
            }
            return kt;
        }

        /**
         * A new list of the same timers: their encoded fields are final, and the timer heaps hold them, so they
         * must stay the same objects. They now belong to the copy.
         */
        @Override
        public KeyTimers copy(KeyTimers value) {
            KeyTimers kt = new KeyTimers();
            kt.timers.addAll(value.timers);
            for (Timer t : kt.timers) {
                t.owner = kt;
            }
            return kt;
        }
    };

    final ArrayList<Timer> timers = new ArrayList<>(2);

    Timer find(byte kind, long timestamp) {
        for (int i = 0; i < timers.size(); i++) {
            Timer t = timers.get(i);
            if (t.timestamp == timestamp && t.kind == kind) {
                return t;
            }
        }
        return null;
    }

    void add(Timer t) {
        timers.add(t);
    }

    void remove(Timer t) {
        for (int i = 0; i < timers.size(); i++) {
            if (timers.get(i) == t) {
                timers.remove(i);
                return;
            }
        }
    }

    boolean isEmpty() {
        return timers.isEmpty();
    }
}
