package io.sluice.connectors.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;

/**
 * The one place where the connector reaches into kafka-clients internals: reading the producer id and epoch of
 * an open transaction, and re-attaching a fresh producer to such a transaction so that it can be committed after
 * the producer that opened it is gone (the job crashed after the checkpoint completed, before the commit).
 *
 * <p><b>Why reflection.</b> Kafka's public answer to this is KIP-939 ({@code initTransactions(keepPreparedTxn)},
 * {@code prepareTransaction()}, {@code completeTransaction(PreparedTxnState)}). kafka-clients 4.3.1 ships only
 * {@code PreparedTxnState} and the {@code transaction.two.phase.commit.enable} setting: the producer methods were
 * taken out of the public API again before release (KAFKA-19414), and a 4.3 broker answers {@code keepPreparedTxn}
 * with {@code UNSUPPORTED_VERSION}. Without them the only way to finish a prepared transaction of a dead producer
 * is to send {@code EndTxn} with its producer id and epoch, which is what Flink's Kafka sink has done since 2017.
 * The transaction manager's fields are set under its own lock; the producer must be fresh (no
 * {@code initTransactions}, which would abort the transaction we want to commit). When kafka-clients publishes
 * KIP-939, {@link #resume} becomes {@code initTransactions(true)} + {@code completeTransaction}.
 *
 * <p>Every failure to find a field is a {@link KafkaException} naming it, so an upgrade of kafka-clients that
 * moves them fails the first checkpoint of the first test, not a production restore.
 */
final class ProducerTransactions {

    /** Producer id, epoch and protocol version of an open transaction: what committing it takes. */
    record Handle(long producerId, short epoch, boolean transactionV2) {
    }

    private static final Field TRANSACTION_MANAGER = field(KafkaProducer.class, "transactionManager");
    private static final Class<?> MANAGER_CLASS = TRANSACTION_MANAGER.getType();
    private static final Field PRODUCER_ID_AND_EPOCH = field(MANAGER_CLASS, "producerIdAndEpoch");
    private static final Field CURRENT_STATE = field(MANAGER_CLASS, "currentState");
    private static final Field TRANSACTION_STARTED = field(MANAGER_CLASS, "transactionStarted");
    private static final Field TRANSACTION_V2 = field(MANAGER_CLASS, "isTransactionV2Enabled");
    private static final Method IN_TRANSACTION = stateFactory();

    private ProducerTransactions() {
    }

    /** The handle of {@code producer}'s current transaction (call after {@code beginTransaction} and a send). */
    static Handle handleOf(KafkaProducer<?, ?> producer) {
        try {
            Object manager = TRANSACTION_MANAGER.get(producer);
            synchronized (manager) {
                ProducerIdAndEpoch p = (ProducerIdAndEpoch) PRODUCER_ID_AND_EPOCH.get(manager);
                return new Handle(p.producerId, p.epoch, TRANSACTION_V2.getBoolean(manager));
            }
        } catch (IllegalAccessException e) {
            throw new KafkaException("cannot read the producer's transaction state", e);
        }
    }

    /**
     * Makes a fresh transactional {@code producer} (same {@code transactional.id}, never initialised) believe it
     * is inside the transaction {@code handle}, so that {@code commitTransaction()} or {@code abortTransaction()}
     * finishes that transaction on the broker.
     */
    static void resume(KafkaProducer<?, ?> producer, Handle handle) {
        try {
            Object manager = TRANSACTION_MANAGER.get(producer);
            synchronized (manager) {
                PRODUCER_ID_AND_EPOCH.set(manager, new ProducerIdAndEpoch(handle.producerId(), handle.epoch()));
                TRANSACTION_V2.setBoolean(manager, handle.transactionV2());
                TRANSACTION_STARTED.setBoolean(manager, true);
                CURRENT_STATE.set(manager, IN_TRANSACTION.invoke(null, "IN_TRANSACTION"));
            }
        } catch (ReflectiveOperationException e) {
            throw new KafkaException("cannot resume transaction " + handle + " in a new producer", e);
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new KafkaException("kafka-clients has no field " + owner.getName()
                    + "." + name + " (the exactly-once Kafka sink needs it; see ProducerTransactions)", e));
        }
    }

    private static Method stateFactory() {
        try {
            Class<?> state = CURRENT_STATE.getType();
            Method valueOf = state.getDeclaredMethod("valueOf", String.class);
            valueOf.setAccessible(true);
            return valueOf;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new KafkaException("kafka-clients' transaction states changed "
                    + "(the exactly-once Kafka sink needs IN_TRANSACTION; see ProducerTransactions)", e));
        }
    }
}
