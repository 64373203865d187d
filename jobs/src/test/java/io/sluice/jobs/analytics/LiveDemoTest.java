package io.sluice.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in demo: generator → Chronicle queue → job → live view, for a few seconds. Checks that the view is
 * drawn with every stream in it, and that stopping the job stops the generator and removes the queue. Nothing
 * here depends on how fast the machine is: a bounded demo ends by itself, and the unbounded one is stopped once
 * the view shows results, however long that takes.
 */
class LiveDemoTest {

    private static final Pattern QUEUE = Pattern.compile("-> chronicle:(\\S+) -> job");

    @Test
    void aBoundedDemoDrawsEveryStreamAndCleansUp() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JobHandle job = start(bytes, "demo:?rate=20000&events=60000");
        JobResult result = job.join(Duration.ofMinutes(2));

        assertThat(result.cancelled()).isFalse();
        assertThat(result.metrics().sourceRecords()).isGreaterThanOrEqualTo(60_000); // plus repeats and late ones
        String view = bytes.toString(StandardCharsets.UTF_8);
        String last = view.substring(view.lastIndexOf("user-analytics "));
        assertThat(last).contains("live demo", "stopped", "gen:clickstream 20,000/s");
        assertThat(last).containsPattern("throughput +[\\d,]+ clicks/s +[\\d,]+ read");
        assertThat(last).containsPattern("active users +[1-9][\\d,]*  +[A-Z]{2} [\\d,]+");
        assertThat(last).containsPattern("top pages +/p/\\d+ [\\d,]+");
        assertThat(last).containsPattern("funnel 5 min +[\\d,]+ viewed -> [\\d,]+ carted");
        assertThat(last).containsPattern("revenue +[\\d,]+\\.\\d\\d from [\\d,]+ purchases");
        assertThat(last).contains("alerts ", "late clicks ");
        // the end of the input closes every session, so some are reported
        assertThat(last).containsPattern("sessions +[\\d,]+ closed");
        assertQueueRemoved(view);
    }

    @Test
    void stoppingAnUnboundedDemoStopsTheGeneratorAndRemovesTheQueue() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JobHandle job = start(bytes, "demo:?rate=5000");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!bytes.toString(StandardCharsets.UTF_8).matches("(?s).*top pages +/p/.*") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        job.cancel(); // what Ctrl-C does in `sluice run`
        JobResult result = job.join(Duration.ofSeconds(30));

        assertThat(result.cancelled()).isTrue();
        String view = bytes.toString(StandardCharsets.UTF_8);
        assertThat(view).containsPattern("top pages +/p/\\d+");
        assertThat(view.substring(view.lastIndexOf("user-analytics "))).contains("stopped");
        assertQueueRemoved(view);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().equals("sluice-demo-generator") || t.getName().equals("sluice-live-view"));
    }

    private static JobHandle start(ByteArrayOutputStream bytes, String source) throws Exception {
        Pipeline p = Pipeline.create();
        new UserAnalytics(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .define(p, new JobParams(Map.of("source", source)));
        return JobRunner.start(p, JobConfig.defaults().withJobName("user-analytics").withParallelism(2).withWorkers(2));
    }

    private static void assertQueueRemoved(String view) {
        Matcher m = QUEUE.matcher(view);
        assertThat(m.find()).as("the view names the queue: %s", view).isTrue();
        assertThat(Files.exists(Path.of(m.group(1)))).as("queue %s removed", m.group(1)).isFalse();
    }
}
