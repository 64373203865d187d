package io.sluice.jobs.analytics.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestClockTest {

    @Test
    void eachMillisecondMapsToTheReadOfTheFirstClickAtOrAfterIt() {
        IngestClock clock = new IngestClock();
        assertThat(clock.ingestedAt(0)).isEqualTo(-1);
        clock.observe(1_000, 10);
        clock.observe(1_003, 20);   // 1001..1003 first reached at 20
        clock.observe(1_002, 30);   // out of order: no new high
        clock.observe(1_004, 40);
        assertThat(clock.ingestedAt(999)).isEqualTo(-1);   // before the first click
        assertThat(clock.ingestedAt(1_000)).isEqualTo(10);
        assertThat(clock.ingestedAt(1_001)).isEqualTo(20);
        assertThat(clock.ingestedAt(1_003)).isEqualTo(20);
        assertThat(clock.ingestedAt(1_004)).isEqualTo(40);
        assertThat(clock.ingestedAt(1_005)).isEqualTo(-1);  // not read yet
    }

    @Test
    void forgetsWhatIsTooFarBack() {
        IngestClock clock = new IngestClock();
        clock.observe(0, 1);
        clock.observe(IngestClock.TRUSTED_MILLIS - 1, 2);
        assertThat(clock.ingestedAt(0)).isEqualTo(1);
        clock.observe(IngestClock.TRUSTED_MILLIS, 3);
        assertThat(clock.ingestedAt(0)).isEqualTo(-1);
        clock.observe(10 * IngestClock.SIZE, 4);   // a jump: only the last ring's worth is filled
        assertThat(clock.ingestedAt(10 * IngestClock.SIZE)).isEqualTo(4);
        assertThat(clock.ingestedAt(10 * IngestClock.SIZE - 5)).isEqualTo(4);
        assertThat(clock.ingestedAt(IngestClock.TRUSTED_MILLIS)).isEqualTo(-1);
    }
}
