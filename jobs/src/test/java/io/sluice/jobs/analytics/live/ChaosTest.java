package io.sluice.jobs.analytics.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.clickstream.Click;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's injected trouble: error bursts in one country at a time, late clicks and repeats. */
class ChaosTest {

    /** 100,000 clicks, one every millisecond, alternating DE and FR, all views. */
    private static List<Click> feed(boolean enabled) {
        Chaos chaos = new Chaos(enabled);
        List<Click> out = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            chaos.offer(new Click(i, null, "/p/1", Click.VIEW, i, i % 2 == 0 ? "DE" : "FR", "mobile", 0), out::add);
        }
        chaos.finish(out::add);
        return out;
    }

    @Test
    void offPassesEveryClickUnchanged() {
        List<Click> out = feed(false);
        assertThat(out).hasSize(100_000).allMatch(c -> c.action().equals(Click.VIEW));
    }

    @Test
    void errorsOnlyInTheBurstCountryDuringItsBurst() {
        List<Click> errors = feed(true).stream().filter(c -> c.action().equals(Click.ERROR)).toList();
        // the first burst: DE from 5 s to 25 s; the second: FR from 65 s to 85 s
        assertThat(errors).allMatch(c -> c.country().equals("DE") ? c.ts() >= 5_000 && c.ts() < 25_000
                : c.country().equals("FR") && c.ts() >= 65_000 && c.ts() < 85_000);
        long de = errors.stream().filter(c -> c.country().equals("DE")).count();
        assertThat(de).isBetween(2_500L, 3_500L); // 30% of DE's 10,000 views in the burst
        assertThat(errors.stream().filter(c -> c.country().equals("FR")).count()).isBetween(2_500L, 3_500L);
    }

    @Test
    void someClicksComeLateAndSomeTwice() {
        List<Click> out = feed(true);
        assertThat(out).hasSize(100_000 + 10); // ten repeats, ten held back and delivered later
        int late = 0;
        long max = Long.MIN_VALUE;
        for (Click c : out) {
            if (max != Long.MIN_VALUE && c.ts() < max - 4_000) { // far behind the job's 2 s out-of-order bound
                late++;
            }
            max = Math.max(max, c.ts());
        }
        assertThat(late).isEqualTo(10);
        long repeats = 0;
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).equals(out.get(i - 1))) {
                repeats++;
            }
        }
        assertThat(repeats).isEqualTo(10);
    }
}
