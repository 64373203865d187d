package io.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    private static Pipeline pipelineWritingTo(String sinkName) {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2, 3)).map(x -> x + 1).sink(new CollectingSink<Integer>(sinkName));
        return p;
    }

    @Test
    void knowsWhenASinkWritesToTheConsole() {
        JobConfig config = JobConfig.defaults().withParallelism(1);
        assertThat(RunCommand.writesToConsole(JobRunner.plan(pipelineWritingTo("console:"), config))).isTrue();
        assertThat(RunCommand.writesToConsole(JobRunner.plan(pipelineWritingTo("null:"), config))).isFalse();
    }

    @Test
    void forcedProgressGoesToStderrAndIsErasedBeforeTheSummary() {
        CliRunner.Result r = CliRunner.run("run", "test-range", "-p", "n=100", "--progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("job 'test-range' finished in");
        String beforeSummary = r.err().substring(0, r.err().indexOf("job 'test-range'"));
        assertThat(beforeSummary).matches("(\\r[^\\n]*)*");
    }
}
