package io.sluice.runtime.checkpoint;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.TwoPhaseCommitSinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A two-phase-commit sink for tests whose "external system" outlives job runs: staged transactions live in a
 * shared map by transaction id, committed records in a shared list. A crashed run's staged but uncommitted
 * records never become visible; committing the same transaction twice has no effect.
 */
final class TransactionalListSink implements Sink<String> {

    final ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
    final Map<String, List<String>> staged = new ConcurrentHashMap<>();
    private final AtomicLong runs = new AtomicLong();

    @Override
    public String name() {
        return "transactional-list";
    }

    @Override
    public SinkWriter<String> createWriter(SinkContext context) {
        long run = runs.incrementAndGet();
        return new TwoPhaseCommitSinkWriter<String, String>() {
            private List<String> open = new ArrayList<>();
            private long seq;

            @Override
            public void write(String record) {
                open.add(record);
            }

            @Override
            public String preCommit(long checkpointId) {
                String txn = "run" + run + "-i" + context.instanceIndex() + "-" + (seq++);
                staged.put(txn, open);
                open = new ArrayList<>();
                return txn;
            }

            @Override
            public void commit(String txn) {
                List<String> records = staged.remove(txn);
                if (records != null) {
                    committed.addAll(records);
                }
            }

            @Override
            public void abort(String txn) {
                staged.remove(txn);
            }

            @Override
            public Codec<String> committableCodec() {
                return Codecs.strings();
            }

            @Override
            public void close() {
            }
        };
    }
}
