package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.testing.JobWaits;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of a run and comes back on the same port with the same log directories:
 * the job rides it out on the clients' retries (the consumer reconnects, the producer's sends and the commit of
 * the open transaction wait for the broker, within their timeouts) without failing, and with checkpointing on
 * a read_committed reader still sees every record exactly once.
 */
@ExtendWith(WithKafkaBroker.class)
class KafkaBrokerRestartTest {

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    private static List<String> values(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("r" + i);
        }
        return out;
    }

    @Test
    void aBrokerRestartMidRunLosesNothingAndDuplicatesNothing() throws Exception {
        kafka.createTopic("restart-in", 2);
        kafka.createTopic("restart-out", 2);
        kafka.sendAll("restart-in", 0, values(0, 5_000));
        kafka.sendAll("restart-in", 1, values(5_000, 10_000));
        String bootstrap = kafka.bootstrap();

        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri("restart-in") + "?group=restart", Codecs.strings())).uid("in")
                .map(s -> s)
                .sink(Connectors.sink(kafka.uri("restart-out"), Codecs.strings())).uid("out");
        JobHandle job = JobRunner.start(p, JobConfig.defaults().withJobName("broker-restart").withParallelism(2)
                .withWorkers(2).withCheckpointing(CheckpointConfig.every(Duration.ofMillis(200), dir)));

        assertThat(kafka.awaitValues("restart-out", 10_000)).hasSize(10_000);
        kafka.stopBroker();
        String[] hostPort = bootstrap.split(":");
        assertThatThrownBy(() -> new Socket(hostPort[0], Integer.parseInt(hostPort[1])).close())
                .as("nothing listens on the broker's port").isInstanceOf(ConnectException.class);
        Thread.sleep(3_000); // the job keeps polling against a broker that is not there
        assertThat(job.isDone()).as("the job is still running without a broker").isFalse();
        kafka.startBroker();
        assertThat(kafka.bootstrap()).isEqualTo(bootstrap);
        long checkpointBefore = job.lastCheckpoint().checkpointId();

        kafka.sendAll("restart-in", 0, values(10_000, 15_000));
        kafka.sendAll("restart-in", 1, values(15_000, 20_000));
        assertThat(kafka.awaitValues("restart-out", 20_000)).hasSizeGreaterThanOrEqualTo(20_000);
        assertThat(job.isDone()).as("the job rode out the restart").isFalse();
        JobWaits.awaitCheckpoints(job, 2, Duration.ofSeconds(60));
        assertThat(job.lastCheckpoint().checkpointId()).as("checkpoints go on").isGreaterThan(checkpointBefore);
        job.cancel();
        job.join(Duration.ofSeconds(30));

        assertThat(kafka.readValuesSettled("restart-out")).containsExactlyInAnyOrderElementsOf(values(0, 20_000));
    }
}
