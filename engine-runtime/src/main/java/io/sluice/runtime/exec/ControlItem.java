package io.sluice.runtime.exec;

/**
 * Items that travel in-band with records on the queues between tasklets: watermarks and end of stream
 * (checkpoint barriers will follow the same road). Travelling in-band keeps them ordered with the records
 * around them, and needs no lock or side channel. Records are never instances of this class.
 */
public abstract class ControlItem extends Envelope {

    ControlItem() {
    }

    /** The producer of this channel is idle: stop waiting for its watermark until it sends something else. */
    public static final ControlItem IDLE = new ControlItem() {
        @Override
        public String toString() {
            return "IDLE";
        }
    };

    /** The producer of this channel has no more items. */
    public static final ControlItem END_OF_STREAM = new ControlItem() {
        @Override
        public String toString() {
            return "END_OF_STREAM";
        }
    };
}
