package io.sluice.jobs.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import io.sluice.jobs.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nexmark-q3 (design.md §6): a hand-written event file with its output worked out by hand, and generated events. */
class NexmarkQ3Test {

    @TempDir
    Path dir;

    /**
     * {@code q3-events.jsonl}: Ada (OR) has auctions 1100 and 1104 in category 10 (1101 is in 11); Alan (ID) has
     * 1103; Edsger (OR) registers after his auction 1105 arrived; Grace's (CA) auction 1107 comes last, 1.9 s
     * behind the newest event, and is still joined (an unbounded join drops nothing); Linus (WA) and Barbara (MA)
     * are in other states; 1106's seller never registers.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void handWrittenEventsGiveEverySellerAuctionPairOnce(int parallelism) throws Exception {
        Path events = NexmarkJobRuns.resource(dir, "q3-events.jsonl");
        assertThat(NexmarkJobRuns.run(dir, "nexmark-q3", "file:" + events, parallelism)).containsExactlyInAnyOrder(
                "{\"name\":\"Ada Lovelace\",\"city\":\"Portland\",\"state\":\"OR\",\"id\":1100}",
                "{\"name\":\"Alan Turing\",\"city\":\"Boise\",\"state\":\"ID\",\"id\":1103}",
                "{\"name\":\"Ada Lovelace\",\"city\":\"Portland\",\"state\":\"OR\",\"id\":1104}",
                "{\"name\":\"Edsger Dijkstra\",\"city\":\"Eugene\",\"state\":\"OR\",\"id\":1105}",
                "{\"name\":\"Grace Hopper\",\"city\":\"Arlington\",\"state\":\"CA\",\"id\":1107}");
    }

    /** 200,000 generated events: the job's output is, as a multiset, the reference join's. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void generatedEventsMatchAStraightforwardReference(int parallelism) throws Exception {
        String uri = "gen:nexmark?events=200000";
        List<String> expected = reference(NexmarkJobRuns.readAll(uri));
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(NexmarkJobRuns.run(dir, "nexmark-q3", uri, parallelism)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void planShowsBothInputsPartitionedIntoTheJoin() {
        CliRun r = CliRun.sluice("plan", "nexmark-q3", "--parallelism", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("join sellers-with-auctions");
        assertThat(r.out().lines().filter(l -> l.contains("partitioned"))).hasSize(2);
    }

    /** Query 3 computed directly: every selected person with every category-10 auction they sell. */
    private static List<String> reference(List<NexmarkEvent> events) {
        Map<Long, Person> persons = new HashMap<>();
        List<Auction> auctions = new ArrayList<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Person p && NexmarkQ3.STATES.contains(p.state())) {
                assertThat(persons.put(p.id(), p)).as("person ids are unique").isNull();
            } else if (e instanceof Auction a && a.category() == 10) {
                auctions.add(a);
            }
        }
        List<String> rows = new ArrayList<>();
        for (Auction a : auctions) {
            Person p = persons.get(a.seller());
            if (p != null) {
                rows.add("{\"name\":\"" + p.name() + "\",\"city\":\"" + p.city() + "\",\"state\":\"" + p.state()
                        + "\",\"id\":" + a.id() + "}");
            }
        }
        return rows;
    }
}
