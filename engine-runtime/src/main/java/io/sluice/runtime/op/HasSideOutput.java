package io.sluice.runtime.op;

/**
 * An operator with a second output port, for records that do not belong in its main output (the late events of
 * a window). The tasklet builder connects the port when the job reads the side output; an operator whose side
 * output nobody reads gets no port and counts what it would have sent there.
 */
public interface HasSideOutput {

    /**
     * Connects the side port. Records the operator hands to {@code port.process(item, timestamp)} go to the
     * consumers of the side output stream; watermarks, barriers and end of stream reach them through the
     * operator's main terminal (the outbox that owns the port). Called once, before {@code open}.
     */
    void connectSideOutput(Operator port);
}
