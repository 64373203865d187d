package io.sluice.connectors.gen;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Source;
import java.util.Objects;

/**
 * The {@code gen:} scheme: built-in event generators, {@code gen:<name>?events=N&rate=R&seed=S}.
 *
 * <ul>
 *   <li>{@code name}: {@code nexmark} ({@link io.sluice.connectors.nexmark.NexmarkEvent}) or {@code clickstream}
 *       ({@link io.sluice.connectors.clickstream.Click}).</li>
 *   <li>{@code events}: the total number of events; absent means unbounded.</li>
 *   <li>{@code rate}: events per second over all instances, kept against the wall clock; absent means as fast
 *       as possible. It also sets the event-time spacing ({@code 1/rate} s; 10,000 events/s without it).</li>
 *   <li>{@code seed}: the random seed, default {@value #DEFAULT_SEED}.</li>
 *   <li>{@code partitions} (nexmark only): K self-contained interleaved partitions, default 1 — each one's bids
 *       go to its own auctions, as with the reference generator split into parallel generators, or a topic
 *       partitioned by auction; when the parallelism divides K, a source instance reads a bid and its auction,
 *       in order (see {@code NexmarkEventModel}). A power of two from 1 to 8.</li>
 * </ul>
 *
 * Output is deterministic: event {@code i} depends only on the seed, {@code i}, the rate and the partitions,
 * so any parallelism makes the same events. Event times start at 2026-01-01T00:00:00Z. Stateless; thread-safe.
 */
public final class GeneratorConnectorFactory implements ConnectorFactory {

    /** The seed used when the URI names none. */
    public static final long DEFAULT_SEED = 42;

    /** Highest accepted {@code rate}; keeps the event-time arithmetic exact. */
    static final long MAX_RATE = 1_000_000_000L;

    /** Public for {@link java.util.ServiceLoader}. */
    public GeneratorConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "gen";
    }

    @Override
    public <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec) {
        return createSource(uri, codec, System::nanoTime);
    }

    <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec, java.util.function.LongSupplier nanoClock) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly("events", "rate", "seed", "partitions");
        long events = uri.param("events") == null ? GeneratorSource.UNBOUNDED : uri.longParam("events", 0);
        long rate = uri.longParam("rate", 0);
        if (uri.param("rate") != null && (rate == 0 || rate > MAX_RATE)) {
            throw new BadInputException("connector URI '" + uri + "': 'rate' must be between 1 and " + MAX_RATE
                    + " events/s, got '" + uri.param("rate") + "'");
        }
        long seed = uri.longParam("seed", DEFAULT_SEED);
        EventTime time = new EventTime(rate > 0 ? rate : EventTime.DEFAULT_EVENTS_PER_SECOND);
        String name = uri.body();
        switch (name) {
            case "nexmark": {
                long partitions = uri.longParam("partitions", 1);
                if (partitions < 1 || partitions > NexmarkEventModel.MAX_PARTITIONS || Long.bitCount(partitions) != 1) {
                    throw new BadInputException("connector URI '" + uri + "': 'partitions' must be a power of two "
                            + "from 1 to " + NexmarkEventModel.MAX_PARTITIONS + ", got '" + uri.param("partitions")
                            + "'");
                }
                return new GeneratorSource<>(uri.raw(), new NexmarkEventModel(seed, time, (int) partitions), codec,
                        events, rate, nanoClock);
            }
            case "clickstream":
                if (uri.param("partitions") != null) {
                    throw new BadInputException("connector URI '" + uri
                            + "': 'partitions' applies to gen:nexmark only");
                }
                return new GeneratorSource<>(uri.raw(), new ClickstreamEventModel(seed, time), codec, events, rate,
                        nanoClock);
            default:
                throw new BadInputException("connector URI '" + uri + "': unknown generator '" + name
                        + "' (known: clickstream, nexmark)");
        }
    }
}
