package io.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once file output: staged per checkpoint, appended on commit, idempotent and crash-safe. */
class TransactionalFileSinkWriterTest {

    @TempDir
    Path dir;

    private Path target() {
        return dir.resolve("out/result.jsonl");
    }

    private TransactionalFileSinkWriter<String> writer(boolean restored) throws Exception {
        return new TransactionalFileSinkWriter<>(target(), Codecs.strings(), restored);
    }

    @Test
    void onlyCommittedCheckpointsBecomeVisibleInOrder() throws Exception {
        TransactionalFileSinkWriter<String> w = writer(false);
        w.write("a");
        w.write("b");
        long c1 = w.preCommit(1);
        w.write("c");
        long c2 = w.preCommit(2);
        w.write("d"); // open transaction, never staged
        assertThat(Files.readAllLines(target())).isEmpty();

        w.commit(c1);
        assertThat(Files.readAllLines(target())).containsExactly("a", "b");
        w.commit(c2);
        w.commit(c1); // again: no effect
        assertThat(Files.readAllLines(target())).containsExactly("a", "b", "c");
        w.close();
    }

    @Test
    void aRestoredWriterKeepsCommittedOutputDropsTornAppendsAndRecommitsIdempotently() throws Exception {
        TransactionalFileSinkWriter<String> first = writer(false);
        first.write("1");
        first.commit(first.preCommit(5));
        first.write("2");
        long staged = first.preCommit(6); // staged for checkpoint 6, then the process dies before the commit
        first.write("lost");
        first.close();
        // a commit that crashed half-way through its append
        Files.writeString(target(), "torn", StandardOpenOption.APPEND);

        TransactionalFileSinkWriter<String> second = writer(true);
        assertThat(Files.readAllLines(target())).containsExactly("1");
        second.commit(staged); // the restored checkpoint 6 recorded it: commit it now
        second.commit(staged);
        second.write("3");
        second.commit(second.preCommit(7));
        second.close();

        assertThat(Files.readAllLines(target())).containsExactly("1", "2", "3");
        try (var parts = Files.list(Path.of(target() + ".staging"))) {
            assertThat(parts.toList()).isEmpty();
        }
    }

    @Test
    void aFreshStartTruncatesAndClearsLeftovers() throws Exception {
        TransactionalFileSinkWriter<String> old = writer(false);
        old.write("old");
        old.commit(old.preCommit(1));
        old.write("staged");
        old.preCommit(2);
        old.close();

        TransactionalFileSinkWriter<String> fresh = writer(false);
        fresh.write("new");
        fresh.commit(fresh.preCommit(1));
        fresh.close();

        assertThat(Files.readAllLines(target())).isEqualTo(List.of("new"));
    }
}
