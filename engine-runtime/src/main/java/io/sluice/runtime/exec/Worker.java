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
    private final java.util.Set<Tasklet> closedTasklets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

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
            boolean[] closed = new boolean[all.length];
            int open = all.length;
            while (open > 0 && !execution.isStopRequested()) {
                int work = 0;
                for (int i = 0; i < all.length; i++) {
                    if (closed[i]) {
                        continue;
                    }
                    Tasklet t = all[i];
                    current = t;
                    work += t.doWork();
                    if (t.isDone()) {
                        // Close at once, not when the whole worker ends: a bounded branch of an
                        // unbounded job must flush and release its sink now.
                        closed[i] = true;
                        open--;
                        closedTasklets.add(t);
                        t.close();
                    }
                }
                current = null;
                idle.idle(work);
            }
        } catch (Throwable t) {
            execution.fail(t, current == null ? null : current.name());
        } finally {
            for (Tasklet t : tasklets) {
                if (closedTasklets.contains(t)) {
                    continue;
                }
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
