package io.sluice.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunnerArgsTest {

    private static final Set<String> OPTIONS = Set.of("events", "queries", "parallelism");
    private static final Set<String> FLAGS = Set.of("json");

    @Test
    void optionsFlagsAndLists() {
        RunnerArgs a = RunnerArgs.parse(new String[] {"--events", "20_000_000", "--queries=q0,q1, q2", "--json",
                "--parallelism", "1,2"}, OPTIONS, FLAGS);
        assertThat(a.getLong("events", 0)).isEqualTo(20_000_000);
        assertThat(a.getList("queries", "")).containsExactly("q0", "q1", "q2");
        assertThat(a.getLongs("parallelism", "1")).isEqualTo(List.of(1L, 2L));
        assertThat(a.flag("json")).isTrue();
        assertThat(a.getInt("missing", 7)).isEqualTo(7);
    }

    @Test
    void badInputIsOneLineError() {
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--evnets", "1"}, OPTIONS, FLAGS))
                .hasMessage("unknown option --evnets");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--events"}, OPTIONS, FLAGS))
                .hasMessage("--events needs a value");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--parallelism", "0"}, OPTIONS, FLAGS)
                .getLongs("parallelism", "1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"q1"}, OPTIONS, FLAGS))
                .hasMessage("unexpected argument 'q1'");
    }
}
