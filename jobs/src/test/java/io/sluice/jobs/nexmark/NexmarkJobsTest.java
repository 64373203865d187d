package io.sluice.jobs.nexmark;

import static io.sluice.jobs.CliRun.sluice;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NEXMark jobs end to end through the CLI, on a small hand-written event file ({@code file:} source to
 * {@code file:} sink), with the expected output worked out by hand from design.md §6.
 */
class NexmarkJobsTest {

    @TempDir
    Path dir;

    private Path events;

    @BeforeEach
    void copyEvents() throws IOException {
        events = dir.resolve("events.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/nexmark/events.jsonl")) {
            Files.copy(in, events);
        }
    }

    private List<String> run(String job) throws IOException {
        Path out = dir.resolve(job + ".jsonl");
        CliRun r = sluice("run", job, "-p", "source=file:" + events, "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Test
    void q0PassesEveryEventThroughUnchanged() throws IOException {
        assertThat(run("nexmark-q0")).containsExactlyElementsOf(Files.readAllLines(events, StandardCharsets.UTF_8));
    }

    @Test
    void q1ConvertsEveryBidToEuros() throws IOException {
        assertThat(run("nexmark-q1")).containsExactly(
                "{\"auction\":1107,\"bidder\":1000,\"price\":908,\"dateTime\":1767225600020}",
                "{\"auction\":1108,\"bidder\":1000,\"price\":907,\"dateTime\":1767225600030}",
                "{\"auction\":1230,\"bidder\":1001,\"price\":0,\"dateTime\":1767225600035}",
                "{\"auction\":0,\"bidder\":1001,\"price\":112098764,\"dateTime\":1767225600050}",
                "{\"auction\":1107,\"bidder\":1001,\"price\":999,\"dateTime\":1767225600070}",
                "{\"auction\":1000,\"bidder\":1000,\"price\":2000,\"dateTime\":1767225600080}");
    }

    @Test
    void q2SelectsTheBidsOnEvery123rdAuction() throws IOException {
        assertThat(run("nexmark-q2")).containsExactly(
                "{\"auction\":1107,\"price\":1000}",
                "{\"auction\":1230,\"price\":1}",
                "{\"auction\":0,\"price\":123456789}",
                "{\"auction\":1107,\"price\":1101}");
    }

    @Test
    void q1OnTheGeneratorWritesOneRecordPerBid() throws IOException {
        Path out = dir.resolve("q1-gen.jsonl");
        CliRun r = sluice("run", "nexmark-q1", "-p", "source=gen:nexmark?events=10000", "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("10,000 events in");
        // 46 bids in every 50 events (persons, auctions and bids mix 1:3:46)
        assertThat(Files.readAllLines(out)).hasSize(9_200)
                .allMatch(l -> l.matches("\\{\"auction\":\\d+,\"bidder\":\\d+,\"price\":\\d+,\"dateTime\":\\d+}"));
    }

    @Test
    void planShowsSourceFilterAndMapFusedIntoOneChain() {
        CliRun r = sluice("plan", "nexmark-q1", "--parallelism", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("fused chain of 4: gen:nexmark -> bids -> to-euros -> console:");
    }

    @Test
    void everyJobIsListed() {
        assertThat(sluice("jobs").out()).contains("nexmark-q0", "nexmark-q1", "nexmark-q2", "copy");
    }

    @Test
    void aMissingFileIsBadInput() {
        CliRun r = sluice("run", "nexmark-q2", "-p", "source=file:" + dir.resolve("nope.jsonl"), "-p", "sink=null:");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("nope.jsonl").hasLineCount(1);
    }

    @Test
    void aMalformedLineIsBadInputNamingFileAndLine() throws IOException {
        Files.writeString(events, "{\"type\":\"bid\",\"auction\":1,\"bidder\":2,\"price\":3}\n{\"type\":\"bid\",\"auc\n",
                StandardCharsets.UTF_8);
        CliRun r = sluice("run", "nexmark-q1", "-p", "source=file:" + events, "-p", "sink=null:");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: job 'nexmark-q1' failed: " + events + ":2: invalid JSON")
                .hasLineCount(1);
    }

    @Test
    void aBadParameterIsBadInput() {
        CliRun unknownScheme = sluice("run", "nexmark-q1", "-p", "source=gne:nexmark");
        assertThat(unknownScheme.exitCode()).isEqualTo(2);
        assertThat(unknownScheme.err()).startsWith("error: parameter 'source': unknown connector scheme").hasLineCount(1);
        CliRun typo = sluice("run", "nexmark-q1", "-p", "sorce=gen:nexmark");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo(
                "error: job 'nexmark-q1' has no parameter sorce (check the spelling of -p sorce=...)\n");
    }

    @Test
    void copyWritesEventsThatTheQueriesRead() throws IOException {
        Path copied = dir.resolve("copied.jsonl");
        CliRun r = sluice("run", "copy", "-p", "source=gen:nexmark?events=500", "-p", "sink=file:" + copied);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(copied)).hasSize(500).allMatch(l -> l.startsWith("{\"type\":"));
        events = copied;
        assertThat(run("nexmark-q0")).hasSize(500);
    }
}
