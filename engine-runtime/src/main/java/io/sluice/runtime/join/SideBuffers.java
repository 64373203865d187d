package io.sluice.runtime.join;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * What an interval or unbounded join keeps for one key: the buffered items of each side, and (not persisted)
 * the expiry time under which the key sits in the expiry queue. Owned by one worker thread.
 */
final class SideBuffers {

    /** No expiry registered. */
    static final long NO_TIMER = Long.MIN_VALUE;

    final TimedBuffer left;
    final TimedBuffer right;
    long timer = NO_TIMER;

    SideBuffers() {
        this(new TimedBuffer(), new TimedBuffer());
    }

    private SideBuffers(TimedBuffer left, TimedBuffer right) {
        this.left = left;
        this.right = right;
    }

    /** The buffer of input {@code input} (0 = left). */
    TimedBuffer side(int input) {
        return input == 0 ? left : right;
    }

    boolean isEmpty() {
        return left.isEmpty() && right.isEmpty();
    }

    /**
     * The snapshot codec, with the user's codecs for the items. Layout: the left {@link TimedBuffer}, then the
     * right one (see {@link StateBytes}).
     */
    static Codec<SideBuffers> codec(Codec<Object> leftCodec, Codec<Object> rightCodec) {
        return new Codec<>() {
            @Override
            public Class<SideBuffers> type() {
                return SideBuffers.class;
            }

            @Override
            public void encode(SideBuffers value, OutputStream out) throws IOException {
                DataOutputStream data = new DataOutputStream(out);
                StateBytes.writeBuffer(data, leftCodec, value.left);
                StateBytes.writeBuffer(data, rightCodec, value.right);
                data.flush();
            }

            @Override
            public SideBuffers decode(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
                TimedBuffer l = StateBytes.readBuffer(bytes, in, leftCodec);
                TimedBuffer r = StateBytes.readBuffer(bytes, in, rightCodec);
                if (in.hasRemaining()) {
                    throw new IOException("corrupt join state: " + in.remaining() + " bytes after the buffers");
                }
                return new SideBuffers(l, r);
            }
        };
    }
}
