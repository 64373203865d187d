package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.Source;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.dlq.ErrorPolicy;
import io.sluice.connectors.schema.SchemaOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import net.openhft.chronicle.core.time.SystemTimeProvider;

/**
 * The {@code chronicle:} scheme: a Chronicle Queue directory, {@code chronicle:/abs/dir} or
 * {@code chronicle:relative/dir}. Records are JSON by default, several per excerpt behind a small header (write
 * time, schema stamp, record count; {@link ExcerptLayout}).
 *
 * <p>Source options: {@code from=earliest|latest|index:<n>|<epoch-ms>} (default earliest), {@code until=latest}
 * (bounded: ends at the last index of when the job started), {@code rate=R} (replays at most R records per second,
 * to re-run a recorded log at a production pace; default: as fast as possible), {@code schema}/{@code compat},
 * {@code onError}/{@code dlq} (as for every source), {@code roll} (for a queue the source creates; an existing queue
 * keeps its own).
 * Sink options: {@code roll=DAILY|HOURLY|MINUTELY|...} (default DAILY), {@code retention=7d} (cycles that ended
 * longer ago are deleted), {@code schema=name:version}, {@code batch=N} (the most records per excerpt, default
 * {@link #DEFAULT_BATCH}; {@code batch=1} writes one record per excerpt, the layout of Sluice before batches).
 *
 * <p>A source directory must exist. Stateless; thread-safe.
 */
public final class ChronicleConnectorFactory implements ConnectorFactory {

    /** Records per excerpt unless the sink URI says otherwise: past 64, fewer appends save little more. */
    public static final int DEFAULT_BATCH = 64;
    /** The largest {@code batch=}: a record count an excerpt's header holds with room to spare. */
    static final int MAX_BATCH = 1 << 16;

    /** Public for {@link java.util.ServiceLoader}. */
    public ChronicleConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "chronicle";
    }

    @Override
    public <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly("from", "until", "rate", "roll", ErrorPolicy.ON_ERROR, ErrorPolicy.DLQ_URI, SchemaOptions.SCHEMA,
                SchemaOptions.COMPAT);
        Path dir = resolve(uri);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("connector URI '" + uri + "': no queue directory " + dir);
        }
        String until = uri.param("until");
        if (until != null && !until.equals("latest")) {
            throw new BadInputException("connector URI '" + uri + "': 'until' can only be 'latest', got '" + until + "'");
        }
        long rate = uri.longParam("rate", 0);
        if (uri.param("rate") != null && rate < 1) {
            throw new BadInputException("connector URI '" + uri + "': 'rate' must be a positive number of records per"
                    + " second, got '" + uri.param("rate") + "'");
        }
        String name = BadRecords.sourceName(uri);
        ChronicleSourceOptions options = new ChronicleSourceOptions(name, dir, ChronicleQueues.rollCycle(uri),
                ChronicleStart.parse(uri), until != null, rate, SchemaOptions.reader(uri, codec));
        return new ChronicleSource<>(options, codec, BadRecords.of(uri, name));
    }

    @Override
    public <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly("roll", "retention", "batch", SchemaOptions.SCHEMA);
        Path dir = resolve(uri);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("connector URI '" + uri + "': " + dir + " is not a directory");
        }
        Duration retention = uri.durationParam("retention", null);
        if (retention != null && retention.isZero()) {
            throw new BadInputException("connector URI '" + uri + "': 'retention' must be positive");
        }
        long batch = uri.longParam("batch", DEFAULT_BATCH);
        if (batch < 1 || batch > MAX_BATCH) {
            throw new BadInputException("connector URI '" + uri + "': 'batch' must be a number of records per excerpt"
                    + " from 1 to " + MAX_BATCH + ", got '" + uri.param("batch") + "'");
        }
        return new ChronicleSink<>(uri.raw(), dir, ChronicleQueues.rollCycle(uri), retention, codec,
                SchemaOptions.writer(uri, codec), (int) batch, SystemTimeProvider.INSTANCE);
    }

    static Path resolve(ConnectorUri uri) {
        String body = uri.body();
        if (body.startsWith("//")) {
            body = body.substring(2);
        }
        if (body.isEmpty()) {
            throw new BadInputException("connector URI '" + uri + "': no directory (write e.g. chronicle:/tmp/events)");
        }
        try {
            return Path.of(body).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException("connector URI '" + uri + "': invalid path: " + e.getMessage(), e);
        }
    }
}
