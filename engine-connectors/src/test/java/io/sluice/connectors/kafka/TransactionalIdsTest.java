package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Who aborts which leftover transaction at start, and the checkpoint form of a transaction. */
class TransactionalIdsTest {

    @Test
    void idsCarryJobSinkGenerationInstanceAndSlot() {
        assertThat(TransactionalIds.of("q7", "sink-7", -1, 1, 2).id(0)).isEqualTo("sluice-q7-sink-7-g0-1-0");
        assertThat(TransactionalIds.of("q7", "sink-7", 41, 0, 2).id(3)).isEqualTo("sluice-q7-sink-7-g42-0-3");
    }

    @Test
    void instanceZeroTakesOtherGenerationsAndMissingInstancesEachInstanceItsOwnNeverAnotherLiveOne() {
        // restored from checkpoint 9 at parallelism 2: generation 10
        TransactionalIds zero = TransactionalIds.of("q7", "sink-7", 9, 0, 2);
        TransactionalIds one = TransactionalIds.of("q7", "sink-7", 9, 1, 2);
        String olderRun = "sluice-q7-sink-7-g4-1-0";
        String sameRunInstance1 = "sluice-q7-sink-7-g10-1-1";
        String sameRunInstance3 = "sluice-q7-sink-7-g10-3-0"; // a run of this generation at parallelism 4 crashed
        assertThat(zero.abortsAtStart(olderRun)).isTrue();
        assertThat(one.abortsAtStart(olderRun)).isFalse();
        assertThat(zero.abortsAtStart(sameRunInstance1)).as("instance 1 is live in this run").isFalse();
        assertThat(one.abortsAtStart(sameRunInstance1)).isTrue();
        assertThat(zero.abortsAtStart(sameRunInstance3)).isTrue();
        assertThat(one.abortsAtStart(sameRunInstance3)).isFalse();
        // other sinks and jobs, and ids that only look alike, are never touched
        assertThat(zero.abortsAtStart("sluice-q7-sink-8-g4-0-0")).isFalse();
        assertThat(zero.abortsAtStart("sluice-q7-sink-7-g4-0-0-x")).isFalse();
        assertThat(zero.abortsAtStart("sluice-q7-sink-7-gx-0-0")).isFalse();
        assertThat(zero.abortsAtStart("other-app-1")).isFalse();
    }

    @Test
    void transactionsRoundTripThroughTheirCheckpointForm() throws Exception {
        KafkaTransaction t = new KafkaTransaction("sluice-q7-sink-7-g0-0-1", 4711L, (short) 3, true);
        assertThat(KafkaTransactionCodec.INSTANCE.decode(KafkaTransactionCodec.INSTANCE.encode(t))).isEqualTo(t);
        assertThat(KafkaTransactionCodec.INSTANCE.decode(KafkaTransactionCodec.INSTANCE.encode(KafkaTransaction.EMPTY)))
                .isEqualTo(KafkaTransaction.EMPTY);
        byte[] bytes = KafkaTransactionCodec.INSTANCE.encode(t);
        bytes[0] = 9;
        assertThatThrownBy(() -> KafkaTransactionCodec.INSTANCE.decode(bytes))
                .hasMessageContaining("unknown kafka transaction version 9");
    }
}
