package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.TwoPhaseCommitSinkWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once {@code kafka:} writer, used when the job takes checkpoints: one Kafka transaction per
 * checkpoint epoch (see {@link KafkaSink} for the protocol).
 *
 * <p><b>Slots.</b> The instance owns a few producers, each with a stable {@code transactional.id}
 * {@code <prefix>-g<generation>-<instance>-<slot>} (see {@link TransactionalIds}). The first record of an epoch
 * begins a transaction on a free slot; {@link #preCommit} flushes it and hands out its {@link KafkaTransaction};
 * the slot is busy until {@link #commit} or {@link #abort}. Two slots suffice while checkpoints complete in order
 * (one transaction waits for its checkpoint while the next epoch writes); more are opened only when completions
 * lag, up to {@link #MAX_SLOTS}, beyond which the job fails (its checkpoints are not completing).
 *
 * <p><b>Restore.</b> Committables of the restored checkpoint reach {@link #commit} before any record (the sink
 * operator commits them when it restores); those are transactions of an earlier run, committed through a fresh
 * producer re-attached to them ({@link ProducerTransactions}). Then, before the first transaction of this run,
 * {@link LingeringTransactions} aborts what earlier runs left open.
 *
 * <p>Called from one worker thread (see {@link io.sluice.api.connector.SinkWriter}); the send callback is the only
 * other thread and touches only the volatile {@code failure}.
 *
 * @param <T> the record type
 */
final class TransactionalKafkaSinkWriter<T> implements TwoPhaseCommitSinkWriter<T, KafkaTransaction>, Callback {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaSinkWriter.class);

    /** Transactions one instance may have staged and not yet committed, the open one included. */
    static final int MAX_SLOTS = 8;

    /** One producer and the transaction it holds. */
    private static final class Slot {
        final String transactionalId;
        final KafkaProducer<byte[], byte[]> producer;
        /** The staged transaction awaiting its checkpoint; {@code null} when free or open. */
        KafkaTransaction staged;

        Slot(String transactionalId, KafkaProducer<byte[], byte[]> producer) {
            this.transactionalId = transactionalId;
            this.producer = producer;
        }
    }

    private final KafkaEndpoint endpoint;
    private final String name;
    private final ProducerRecordEncoder<T> encoder;
    private final TransactionalIds ids;
    private final List<Slot> slots = new ArrayList<>();
    /** The slot whose transaction is open (records were sent in this epoch), or {@code null}. */
    private Slot open;
    /** Lingering transactions of earlier runs are aborted before this run begins its first. */
    private boolean lingeringAborted;
    private volatile Exception failure;

    TransactionalKafkaSinkWriter(KafkaEndpoint endpoint, String name, ProducerRecordEncoder<T> encoder,
                                 TransactionalIds ids) {
        this.endpoint = endpoint;
        this.name = name;
        this.encoder = encoder;
        this.ids = ids;
    }

    @Override
    public void write(T record) throws Exception {
        checkFailure();
        if (open == null) {
            open = freeSlot();
            open.producer.beginTransaction();
        }
        open.producer.send(encoder.encode(record), this);
    }

    private void abortLingeringOnce() throws IOException {
        if (!lingeringAborted) {
            lingeringAborted = true;
            new LingeringTransactions(endpoint, ids).abort();
        }
    }

    private Slot freeSlot() throws IOException {
        abortLingeringOnce();
        for (Slot s : slots) {
            if (s.staged == null) {
                return s;
            }
        }
        if (slots.size() == MAX_SLOTS) {
            throw new IOException(name + ": " + MAX_SLOTS + " transactions are waiting for their checkpoints to "
                    + "complete; checkpoints are not completing");
        }
        String id = ids.id(slots.size());
        KafkaProducer<byte[], byte[]> producer = KafkaClients.transactionalProducer(endpoint, id);
        try {
            producer.initTransactions(); // fences an earlier producer of this id and aborts its transaction
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        Slot s = new Slot(id, producer);
        slots.add(s);
        return s;
    }

    /** Nothing to do between batches: records become visible only when their checkpoint completes. */
    @Override
    public void flush() throws IOException {
        abortLingeringOnce();
        checkFailure();
    }

    /** Flushes the open transaction (every record acknowledged by all in-sync replicas) and stages it. */
    @Override
    public KafkaTransaction preCommit(long checkpointId) throws Exception {
        abortLingeringOnce();
        if (open == null) {
            checkFailure();
            return KafkaTransaction.EMPTY;
        }
        open.producer.flush();
        checkFailure();
        ProducerTransactions.Handle h = ProducerTransactions.handleOf(open.producer);
        KafkaTransaction staged = new KafkaTransaction(open.transactionalId, h.producerId(), h.epoch(), h.transactionV2());
        open.staged = staged;
        open = null;
        return staged;
    }

    @Override
    public void commit(KafkaTransaction transaction) throws Exception {
        if (transaction.isEmpty()) {
            return;
        }
        Slot s = slotHolding(transaction);
        if (s != null) {
            s.producer.commitTransaction();
            s.staged = null;
        } else {
            finishRecovered(transaction, true);
        }
    }

    @Override
    public void abort(KafkaTransaction transaction) throws Exception {
        if (transaction.isEmpty()) {
            return;
        }
        Slot s = slotHolding(transaction);
        if (s != null) {
            s.producer.abortTransaction();
            s.staged = null;
        } else {
            finishRecovered(transaction, false);
        }
    }

    private Slot slotHolding(KafkaTransaction transaction) {
        for (Slot s : slots) {
            if (transaction.equals(s.staged)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Commits or aborts a transaction staged by an earlier run. A producer fenced or told the epoch is stale means
     * the transaction was finished before: by this very commit in the run that crashed (it got as far as the
     * broker), so doing it again is a no-op, as a two-phase commit must be.
     */
    private void finishRecovered(KafkaTransaction transaction, boolean commit) {
        KafkaProducer<byte[], byte[]> producer = KafkaClients.transactionalProducer(endpoint, transaction.transactionalId());
        try {
            ProducerTransactions.resume(producer, transaction.handle());
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        } catch (ProducerFencedException | InvalidProducerEpochException | InvalidTxnStateException e) {
            LOG.warn("{}: transaction {} was already finished ({})", name, transaction, e.getMessage());
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Producer I/O thread: remembers the first failure. */
    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null && failure == null) {
            failure = exception;
        }
    }

    private void checkFailure() throws IOException {
        Exception e = failure;
        if (e != null) {
            throw new IOException(name + ": a send failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Codec<KafkaTransaction> committableCodec() {
        return KafkaTransactionCodec.INSTANCE;
    }

    /**
     * Tests: leaves as a killed process would, every transaction open on the broker (sent records flushed, nothing
     * committed or aborted).
     */
    void abandon() {
        for (Slot s : slots) {
            s.producer.flush();
            s.producer.close(Duration.ZERO); // not a graceful close: that would abort the transaction
        }
        slots.clear();
        open = null;
    }

    /**
     * Aborts the open transaction (its epoch never reached a checkpoint) and closes the producers. Staged
     * transactions stay open on the broker: a checkpoint may hold them, and the restore commits them. Their
     * producers are therefore closed at once ({@code close(0)}), since a producer closed gracefully aborts the
     * transaction it is in — which would lose the output of a completed checkpoint.
     */
    @Override
    public void close() throws Exception {
        RuntimeException first = null;
        if (open != null && failure == null) {
            try {
                open.producer.abortTransaction();
            } catch (RuntimeException e) {
                first = e;
            }
        }
        for (Slot s : slots) {
            try {
                s.producer.close(s.staged != null || failure != null ? Duration.ZERO : Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        slots.clear();
        open = null;
        if (first != null) {
            throw first;
        }
    }
}
