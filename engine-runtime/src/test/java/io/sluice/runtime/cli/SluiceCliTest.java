package io.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.cli.CliRunner.Result;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SluiceCliTest {

    @BeforeEach
    void clear() {
        TestJobs.COLLECTED.clear();
    }

    @Test
    void jobsListsNameAndDescription() {
        Result r = CliRunner.run("jobs");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("test-range   Numbers 1..n, divided, evens kept (CLI tests)");
        assertThat(r.out().lines()).anyMatch(l -> l.equals("test-broken"));
    }

    @Test
    void helpAndVersionWorkEverywhere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"jobs", "--help"},
                new String[] {"plan", "--help"}, new String[] {"run", "--help"}, new String[] {"help", "run"})) {
            Result r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage:");
        }
        assertThat(CliRunner.run("run", "--help").out()).contains("-p, --param=name=value", "--parallelism=N",
                "--workers=N", "--checkpoint-dir=DIR");
        Result version = CliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("sluice ").contains("Java 17");
    }

    @Test
    void noCommandIsBadUsage() {
        Result r = CliRunner.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage:").contains("error: missing command");
    }

    @Test
    void planShowsLogicalGraphAndFusedChain() {
        Result r = CliRunner.run("plan", "test-range", "--parallelism", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Logical graph", "Physical DAG", "numbers", "divide", "evens", "collect",
                "fused chain of 4");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void runWritesTheSummaryOnStderrOnly() {
        Result r = CliRunner.run("run", "test-range", "-p", "n=1000", "--workers", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("job 'test-range' finished in", "1,000 events in", "500 records out",
                "events/s", "wall time");
        assertThat(r.err()).containsPattern("divide\\s+map\\s+1\\s+1,000\\s+1,000");
        assertThat(r.err()).containsPattern("evens\\s+filter\\s+1\\s+1,000\\s+500");
        assertThat(TestJobs.COLLECTED.items()).hasSize(500);
    }

    @Test
    void paramsAreSplitAtTheFirstEqualsSign() {
        Result r = CliRunner.run("run", "test-range", "-p", "source-name=gen:x?events=5&rate=2", "-p", "n=10",
                "--workers=1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("gen:x?events=5&rate=2");
        assertThat(TestJobs.COLLECTED.items()).containsExactly(2L, 4L, 6L, 8L, 10L);
    }

    @Test
    void unknownJobListsTheKnownOnes() {
        Result r = CliRunner.run("run", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: unknown job 'nope' (known jobs: test-broken, test-range)\n");
    }

    @Test
    void badParamValueIsExit2WithOneLine() {
        Result r = CliRunner.run("run", "test-range", "-p", "n=lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: parameter 'n' must be an integer, got 'lots'\n");
    }

    @Test
    void unknownParamIsExit2() {
        Result r = CliRunner.run("plan", "test-range", "-p", "nn=3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: job 'test-range' has no parameter nn").hasLineCount(1);
    }

    @Test
    void paramWithoutEqualsIsBadUsage() {
        Result r = CliRunner.run("run", "test-range", "-p", "n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").hasLineCount(1).contains("sluice run --help");
    }

    @Test
    void unknownOptionAndCommandAreBadUsage() {
        Result option = CliRunner.run("run", "test-range", "--frobnicate");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).startsWith("error: Unknown option: '--frobnicate'").hasLineCount(1);
        Result command = CliRunner.run("runn");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).startsWith("error: ").hasLineCount(1);
    }

    @Test
    void badParallelismAndWorkersAreBadUsage() {
        assertThat(CliRunner.run("run", "test-range", "--parallelism", "0").err())
                .isEqualTo("error: --parallelism must be at least 1, got 0\n");
        assertThat(CliRunner.run("run", "test-range", "--workers", "0").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("run", "test-range", "--workers", "two").exitCode()).isEqualTo(2);
    }

    @Test
    void checkpointOptionsAreCheckedBeforeAnythingRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThat(CliRunner.run("run", "test-range", "--restore", "latest").err())
                .isEqualTo("error: --restore needs --checkpoint-dir (where new checkpoints go)\n");
        assertThat(CliRunner.run("run", "test-range", "--checkpoint-interval", "1s").err())
                .isEqualTo("error: --checkpoint-interval needs --checkpoint-dir\n");
        Result badInterval = CliRunner.run("run", "test-range", "--checkpoint-dir", dir.toString(),
                "--checkpoint-interval", "soon");
        assertThat(badInterval.exitCode()).isEqualTo(2);
        assertThat(badInterval.err()).startsWith("error: --checkpoint-interval: ").hasLineCount(1);
        assertThat(TestJobs.COLLECTED.items()).isEmpty();

        Result ok = CliRunner.run("run", "test-range", "--checkpoint-dir", dir.toString(), "--checkpoint-interval", "50ms");
        assertThat(ok.exitCode()).isEqualTo(0);
    }

    @Test
    void throwingUserFunctionIsExit1NamingTheOperator() {
        Result r = CliRunner.run("run", "test-range", "-p", "divisor=0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "error: job 'test-range' failed: operator 'divide' (map-1) failed: ArithmeticException: / by zero\n");
    }

    @Test
    void badInputWhileStartingIsExit2() {
        Result r = CliRunner.run("run", "test-range", "-p", "fail=splits");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: file not found: /no/such/events.jsonl\n");
    }

    @Test
    void badInputWhileReadingIsExit2WithItsOwnMessage() {
        Result r = CliRunner.run("run", "test-range", "-p", "fail=read_bad_input");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: job 'test-range' failed: events.jsonl line 4: invalid JSON for Bid\n");
    }

    @Test
    void otherConnectorFailureIsExit1() {
        Result r = CliRunner.run("run", "test-range", "-p", "fail=read_io");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("error: job 'test-range' failed").contains("disk on fire");
    }

    @Test
    void brokenJobDefinitionIsExit1() {
        Result r = CliRunner.run("plan", "test-broken");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("error: ").contains("no sink");
    }
}
