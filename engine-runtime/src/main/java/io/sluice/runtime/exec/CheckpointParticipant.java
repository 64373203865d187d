package io.sluice.runtime.exec;

import io.sluice.runtime.checkpoint.CheckpointCommand;
import io.sluice.runtime.checkpoint.TaskletSnapshot;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * A tasklet's link to the checkpoint coordinator, made of two lock-free queues: commands come in through its
 * own SPSC inbox (coordinator → tasklet), snapshots go out through the shared MPSC queue (tasklets →
 * coordinator). The worker polls the inbox once per {@code doWork}; nothing here blocks.
 */
public final class CheckpointParticipant {

    /** The checkpoint id of the snapshot a tasklet sends when it finishes: its final state. */
    public static final long FINAL = -1;

    private final int tasklet;
    private final SpscArrayQueue<CheckpointCommand> inbox = new SpscArrayQueue<>(64);
    private final MessagePassingQueue<TaskletSnapshot> acks;

    public CheckpointParticipant(int tasklet, MessagePassingQueue<TaskletSnapshot> acks) {
        this.tasklet = tasklet;
        this.acks = acks;
    }

    public int tasklet() {
        return tasklet;
    }

    /** Coordinator side: hands a command to the tasklet. */
    public boolean offer(CheckpointCommand command) {
        return inbox.offer(command);
    }

    /** Tasklet side: the next command, or {@code null}. */
    CheckpointCommand poll() {
        return inbox.relaxedPoll();
    }

    /** Tasklet side: sends a snapshot. The queue is sized so that it never fills (one snapshot per tasklet in flight). */
    void send(TaskletSnapshot snapshot) {
        while (!acks.offer(snapshot)) {
            Thread.onSpinWait();
        }
    }
}
