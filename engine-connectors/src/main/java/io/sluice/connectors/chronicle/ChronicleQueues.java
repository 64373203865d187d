package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/** Opening queues and naming roll cycles for the {@code chronicle:} connector. */
final class ChronicleQueues {

    /** A new queue rolls daily unless told otherwise; an existing queue keeps the cycle it was created with. */
    static final RollCycle DEFAULT_ROLL = RollCycles.FAST_DAILY;

    private ChronicleQueues() {
    }

    /**
     * Opens (or creates) the queue in {@code dir}. The roll cycle applies to a new queue; an existing queue keeps
     * the one in its metadata, and is opened without naming one so Chronicle does not warn about the difference.
     */
    static SingleChronicleQueue open(Path dir, RollCycle roll, TimeProvider time) {
        SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir).timeProvider(time);
        if (!Files.exists(dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE))) {
            builder.rollCycle(roll);
        }
        return builder.build();
    }

    /**
     * A roll cycle by name, in any case: {@code DAILY} and {@code HOURLY} (the fast variants), {@code MINUTELY},
     * or any constant of Chronicle's roll-cycle enums ({@code FAST_DAILY}, {@code FIVE_MINUTELY}, {@code WEEKLY},
     * {@code LARGE_DAILY}, {@code TEST_SECONDLY}, ...).
     */
    static RollCycle rollCycle(ConnectorUri uri) {
        String name = uri.param("roll");
        if (name == null) {
            return DEFAULT_ROLL;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "DAILY":
                return RollCycles.FAST_DAILY;
            case "HOURLY":
                return RollCycles.FAST_HOURLY;
            default:
                break;
        }
        List<String> known = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(RollCycles.class, LegacyRollCycles.class,
                LargeRollCycles.class, SparseRollCycles.class, TestRollCycles.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                if (e.name().equals(n)) {
                    return (RollCycle) e;
                }
                known.add(e.name());
            }
        }
        throw new BadInputException("connector URI '" + uri + "': unknown roll cycle '" + name
                + "' (use DAILY, HOURLY, MINUTELY, FIVE_MINUTELY, WEEKLY, ...)");
    }
}
