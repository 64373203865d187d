package io.sluice.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording by method: the share of samples in
 * which a method is the top frame (self time) and in which it is anywhere on the stack (total time), optionally
 * only for threads whose name contains a filter (e.g. {@code worker}).
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=/tmp/q7.jfr,settings=profile -cp engine-benchmarks/target/benchmarks.jar \
 *      io.sluice.benchmarks.NexmarkRunner --no-fork --queries q7 --parallelism 1 --runs 5
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.JfrTopFrames /tmp/q7.jfr [top=25] [thread=worker]
 * </pre>
 */
public final class JfrTopFrames {

    private JfrTopFrames() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrTopFrames <recording.jfr> [top=25] [thread=<name part>]");
            System.exit(2);
        }
        int top = 25;
        String threadFilter = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("top=")) {
                top = Integer.parseInt(args[i].substring(4));
            } else if (args[i].startsWith("thread=")) {
                threadFilter = args[i].substring(7);
            }
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (threadFilter != null) {
                var thread = e.getThread("sampledThread");
                if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains(threadFilter)) {
                    continue;
                }
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d samples%s%n%n", samples, threadFilter == null ? "" : " of threads *" + threadFilter + "*");
        print("self (top frame)", self, samples, top);
        System.out.println();
        print("total (on the stack)", total, samples, top);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println(title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * sorted.get(i).getValue() / samples,
                    sorted.get(i).getKey());
        }
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }
}
