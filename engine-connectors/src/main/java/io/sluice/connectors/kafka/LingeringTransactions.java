package io.sluice.connectors.kafka;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions that earlier runs of an exactly-once {@code kafka:} sink left open — those of epochs
 * whose checkpoint never completed. Left alone they would hold back every {@code read_committed} consumer of the
 * partitions they touched until the broker times them out.
 *
 * <p>Lists the open transactions on the broker (Admin {@code listTransactions}), keeps those this instance is
 * responsible for ({@link TransactionalIds#abortsAtStart}), and for each initialises a producer with that
 * {@code transactional.id}: {@code initTransactions} fences the old producer and aborts its transaction. Runs
 * once per instance, after the restored transactions were committed (so none of those is aborted) and before the
 * instance begins its own first transaction.
 */
final class LingeringTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(LingeringTransactions.class);

    private final KafkaEndpoint endpoint;
    private final TransactionalIds ids;

    LingeringTransactions(KafkaEndpoint endpoint, TransactionalIds ids) {
        this.endpoint = endpoint;
        this.ids = ids;
    }

    /** Aborts them; returns their ids. */
    List<String> abort() throws IOException {
        List<String> lingering;
        try (Admin admin = KafkaClients.admin(endpoint, ids.prefix() + "-admin-" + ids.instance())) {
            lingering = admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                    .all().get().stream().map(TransactionListing::transactionalId).filter(ids::abortsAtStart).sorted().toList();
        } catch (ExecutionException e) {
            throw new IOException("cannot list the open transactions on " + endpoint.bootstrap() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing open transactions", e);
        }
        for (String id : lingering) {
            try (KafkaProducer<byte[], byte[]> producer = KafkaClients.transactionalProducer(endpoint, id)) {
                producer.initTransactions();
            }
            LOG.info("aborted the transaction {} left open by an earlier run", id);
        }
        return lingering;
    }
}
