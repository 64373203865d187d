package io.sluice.connectors.kafka;

/**
 * The committable of the exactly-once Kafka sink: a prepared (flushed, not committed) transaction, identified
 * well enough for any process to commit it ({@link ProducerTransactions#resume}). An {@linkplain #EMPTY empty}
 * transaction stands for a checkpoint epoch in which the instance wrote nothing: there is nothing to commit.
 * Immutable; stored in checkpoints by {@link KafkaTransactionCodec}.
 *
 * @param transactionalId the producer's {@code transactional.id}, {@code ""} for an empty transaction
 * @param producerId      the producer id the broker gave it
 * @param epoch           the producer epoch of the transaction
 * @param transactionV2   whether the transaction runs the KIP-890 protocol (the commit request must match)
 */
record KafkaTransaction(String transactionalId, long producerId, short epoch, boolean transactionV2) {

    static final KafkaTransaction EMPTY = new KafkaTransaction("", -1, (short) -1, false);

    boolean isEmpty() {
        return transactionalId.isEmpty();
    }

    ProducerTransactions.Handle handle() {
        return new ProducerTransactions.Handle(producerId, epoch, transactionV2);
    }

    @Override
    public String toString() {
        return isEmpty() ? "(empty)" : transactionalId + " (producer " + producerId + ", epoch " + epoch + ")";
    }
}
