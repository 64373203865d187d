package io.sluice.connectors.chronicle;

import io.sluice.connectors.schema.ReaderSchema;
import java.nio.file.Path;
import net.openhft.chronicle.queue.RollCycle;

/**
 * What a {@code chronicle:} source was asked for. Immutable.
 *
 * @param name    the URI as given, without its {@code dlq} parameter
 * @param dir     the queue directory
 * @param roll    the roll cycle to open the queue with (an existing queue keeps its own)
 * @param start   where a fresh run starts
 * @param bounded {@code until=latest}: stop at the last index of when the job started
 * @param rate    the most records read per second, or 0 for no limit
 * @param reader  the schema the job reads, or {@code null}
 */
record ChronicleSourceOptions(String name, Path dir, RollCycle roll, ChronicleStart start, boolean bounded,
                              long rate, ReaderSchema reader) {
}
