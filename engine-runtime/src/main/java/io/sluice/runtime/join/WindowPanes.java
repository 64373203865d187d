package io.sluice.runtime.join;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * What a windowed join keeps for one key: one pane per open window, holding the items of each side in arrival
 * order. A key rarely has more than a couple of windows open (a sliding window's {@code size / slide}, plus the
 * out-of-order bound), so panes sit in a small list. Owned by one worker thread.
 */
final class WindowPanes {

    /** The items of one key in one window, and the sequence number that orders its firing among equal ends. */
    static final class Pane {
        final long start;
        final long seq;
        final ArrayList<Object> lefts;
        final ArrayList<Object> rights;

        Pane(long start, long seq) {
            this(start, seq, new ArrayList<>(2), new ArrayList<>(2));
        }

        private Pane(long start, long seq, ArrayList<Object> lefts, ArrayList<Object> rights) {
            this.start = start;
            this.seq = seq;
            this.lefts = lefts;
            this.rights = rights;
        }
    }

    final ArrayList<Pane> panes;

    WindowPanes() {
        this(new ArrayList<>(2));
    }

    private WindowPanes(ArrayList<Pane> panes) {
        this.panes = panes;
    }

    /** The pane of the window starting at {@code start}, or {@code null}. */
    Pane get(long start) {
        for (int i = 0; i < panes.size(); i++) {
            Pane p = panes.get(i);
            if (p.start == start) {
                return p;
            }
        }
        return null;
    }

    /** Removes and returns the pane of the window starting at {@code start}, or {@code null}. */
    Pane remove(long start) {
        for (int i = 0; i < panes.size(); i++) {
            if (panes.get(i).start == start) {
                return panes.remove(i);
            }
        }
        return null;
    }

    boolean isEmpty() {
        return panes.isEmpty();
    }

    /**
     * The snapshot codec, with the user's codecs for the items. Layout:
     * <pre>
     *   int panes P, then P x { long start, long seq, int L, L x framed left item, int R, R x framed right item }
     * </pre>
     * (framed items as in {@link StateBytes}).
     */
    static Codec<WindowPanes> codec(Codec<Object> leftCodec, Codec<Object> rightCodec) {
        return new Codec<>() {
            @Override
            public Class<WindowPanes> type() {
                return WindowPanes.class;
            }

            @Override
            public void encode(WindowPanes value, OutputStream out) throws IOException {
                DataOutputStream data = new DataOutputStream(out);
                data.writeInt(value.panes.size());
                for (Pane p : value.panes) {
                    data.writeLong(p.start);
                    data.writeLong(p.seq);
                    writeItems(data, leftCodec, p.lefts);
                    writeItems(data, rightCodec, p.rights);
                }
                data.flush();
            }

            @Override
            public WindowPanes decode(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
                int n = StateBytes.readCount(in);
                ArrayList<Pane> panes = new ArrayList<>(Math.max(2, n));
                for (int i = 0; i < n; i++) {
                    long start = in.getLong();
                    long seq = in.getLong();
                    ArrayList<Object> lefts = readItems(bytes, in, leftCodec);
                    ArrayList<Object> rights = readItems(bytes, in, rightCodec);
                    panes.add(new Pane(start, seq, lefts, rights));
                }
                if (in.hasRemaining()) {
                    throw new IOException("corrupt join state: " + in.remaining() + " bytes after the panes");
                }
                return new WindowPanes(panes);
            }
        };
    }

    private static void writeItems(DataOutputStream out, Codec<Object> codec, ArrayList<Object> items)
            throws IOException {
        out.writeInt(items.size());
        for (Object item : items) {
            StateBytes.writeItem(out, codec, item);
        }
    }

    private static ArrayList<Object> readItems(byte[] bytes, ByteBuffer in, Codec<Object> codec) throws IOException {
        int n = StateBytes.readCount(in);
        ArrayList<Object> items = new ArrayList<>(Math.max(2, n));
        for (int i = 0; i < n; i++) {
            items.add(StateBytes.readItem(bytes, in, codec));
        }
        return items;
    }
}
