package io.sluice.connectors.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.clickstream.Click;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickstreamEventModelTest {

    static final int N = 300_000;
    final EventTime time = new EventTime(EventTime.DEFAULT_EVENTS_PER_SECOND);
    final ClickstreamEventModel model = new ClickstreamEventModel(42, time);

    @Test
    void fieldsArePlausible() {
        Map<String, Integer> actions = new HashMap<>();
        Map<Long, String> countryOfUser = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Click c = model.event(i);
            actions.merge(c.action(), 1, Integer::sum);
            assertThat(c.amountCents() > 0).as("amount iff purchase: %s", c).isEqualTo(Click.PURCHASE.equals(c.action()));
            assertThat(c.sessionId()).isNotNull();
            assertThat(c.page()).matches("/p/\\d+");
            assertThat(c.country()).matches("[A-Z]{2}");
            assertThat(c.device()).isIn("mobile", "desktop", "tablet");
            assertThat(c.userId()).isBetween(1L, 100_000L);
            assertThat(countryOfUser.computeIfAbsent(c.userId(), u -> c.country())).isEqualTo(c.country());
        }
        assertThat(actions.keySet()).containsExactlyInAnyOrder(Click.VIEW, Click.CART, Click.PURCHASE, Click.ERROR);
        assertThat(share(actions, Click.VIEW)).isBetween(0.8, 0.88);
        assertThat(share(actions, Click.CART)).isBetween(0.1, 0.14);
        assertThat(share(actions, Click.PURCHASE)).isBetween(0.02, 0.04);
        assertThat(share(actions, Click.ERROR)).isBetween(0.005, 0.015);
    }

    @Test
    void aboutOneEventInTenIsLateByLessThanTwoSeconds() {
        int late = 0;
        for (long i = 0; i < N; i++) {
            long delay = time.millis(i) - model.event(i).ts();
            assertThat(delay).isBetween(0L, 1_999L);
            if (delay > 0) {
                late++;
            }
        }
        assertThat((double) late / N).isBetween(0.09, 0.11);
    }

    @Test
    void aUsersEventsClusterInSessions() {
        Map<String, long[]> sessions = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Click c = model.event(i);
            long[] s = sessions.computeIfAbsent(c.userId() + "/" + c.sessionId(),
                    k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
            s[0] = Math.min(s[0], c.ts());
            s[1] = Math.max(s[1], c.ts());
            s[2]++;
        }
        long longerThan26s = sessions.values().stream().filter(s -> s[1] - s[0] > 26_000).count();
        double meanEvents = sessions.values().stream().mapToLong(s -> s[2]).average().orElseThrow();
        assertThat(longerThan26s).isLessThan(sessions.size() / 100);
        assertThat(meanEvents).isGreaterThan(5);
    }

    private static double share(Map<String, Integer> counts, String key) {
        return (double) counts.get(key) / N;
    }
}
