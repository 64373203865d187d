package io.sluice.runtime.exec;

import java.util.List;

/**
 * One thread running a fixed set of tasklets cooperatively: a loop of {@code doWork()} rounds with an idle
 * strategy when a round did nothing, like Agrona's {@code AgentRunner}. The only shared state it reads per
 * round is the execution's stop flag.
 */
final class Worker implements Runnable {

    private final int index;
    private final List<Tasklet> tasklets;
    private final JobExecution execution;
    private final IdleStrategy idle;

    Worker(int index, List<Tasklet> tasklets, JobExecution execution, IdleStrategy idle) {
        this.index = index;
        this.tasklets = tasklets;
        this.execution = execution;
        this.idle = idle;
    }

    @Override
    public void run() {
        Tasklet current = null;
        try {
            for (Tasklet t : tasklets) {
                current = t;
                t.init();
            }
            current = null;
            Tasklet[] all = tasklets.toArray(new Tasklet[0]);
            while (!execution.isStopRequested()) {
                int work = 0;
                boolean allDone = true;
                for (Tasklet t : all) {
                    if (!t.isDone()) {
                        current = t;
                        work += t.doWork();
                        allDone &= t.isDone();
                    }
                }
                current = null;
                if (allDone) {
                    break;
                }
                idle.idle(work);
            }
        } catch (Throwable t) {
            execution.fail(t, current == null ? null : current.name());
        } finally {
            for (Tasklet t : tasklets) {
                try {
                    t.close();
                } catch (Throwable e) {
                    execution.fail(e, t.name());
                }
            }
            execution.workerFinished(index);
        }
    }
}
