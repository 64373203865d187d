package io.sluice.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void eachEventIsDueExactlyAtItsIntendedTime() {
        for (long rate : new long[] {1, 3, 7, 1_000, 333_333, 1_000_000, 1_000_000_000}) {
            Schedule s = new Schedule(rate);
            s.start(123_456_789L);
            for (long i : new long[] {0, 1, 2, rate - 1, rate, rate + 1, 10 * rate + 5, 1_000_003}) {
                long t = s.intendedNanos(i);
                assertThat(s.dueCount(t)).as("rate %d, event %d", rate, i).isEqualTo(i + 1);
                assertThat(s.dueCount(t - 1)).as("rate %d, event %d", rate, i).isLessThanOrEqualTo(i);
            }
            assertThat(s.dueCount(s.origin() - 1)).isZero();
        }
    }

    @Test
    void eventTimeMapsBackToTheInstantItStarted() {
        Schedule s = new Schedule(1_000_000);
        s.start(5_000_000_000L);
        assertThat(s.eventTimeMillis(s.origin())).isEqualTo(Schedule.BASE_MILLIS);
        long intended = s.intendedNanos(2_345_678); // 2.345678 s after the origin
        assertThat(s.eventTimeMillis(intended)).isEqualTo(Schedule.BASE_MILLIS + 2_345);
        assertThat(s.nanosAt(Schedule.BASE_MILLIS + 2_346)).isEqualTo(s.origin() + 2_346_000_000L);
        // the first event of the next millisecond is due exactly when that millisecond starts
        assertThat(s.intendedNanos(2_346_000)).isEqualTo(s.nanosAt(Schedule.BASE_MILLIS + 2_346));
    }
}
