package io.sluice.connectors.kafka;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.Source;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.dlq.ErrorPolicy;
import io.sluice.connectors.schema.SchemaOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;

/**
 * The {@code kafka:} scheme: {@code kafka://host:port[,host:port]/topic[?options]}. Records are the message values,
 * JSON by default (whatever the job's codec reads), or whole {@link KafkaRecord}s.
 *
 * <p>Source options:
 * <ul>
 *   <li>{@code from=earliest|latest|committed|<epoch-ms>}: where a fresh run starts (default earliest);</li>
 *   <li>{@code until=latest}: bounded, ends at the end offsets of when the job started;</li>
 *   <li>{@code group=G}: consumer group, for {@code from=committed} and for committing offsets after
 *       checkpoints (partitions are assigned statically, never by the group);</li>
 *   <li>{@code schema=name:version}, {@code compat=backward|forward|full|none}: the schema the job reads, when its
 *       codec does not say ({@link io.sluice.connectors.schema});</li>
 *   <li>{@code onError=fail|skip|dlq}, {@code dlq=URI}: records that cannot be read ({@link ErrorPolicy});</li>
 *   <li>{@code discovery=10s}: how often to look for new partitions (unbounded only; {@code 0ms} = never);</li>
 *   <li>{@code watermarkDelay=0ms}: how far each partition's watermark trails its highest timestamp.</li>
 * </ul>
 * Sink options: {@code key=<json field>} (the record key, so equal keys land in one partition) and
 * {@code schema=name:version} (the stamp, when the codec does not say). Both accept {@code kafka.<property>=value}
 * for any client property.
 *
 * <p>The source connects when it is created, to find the topic's partitions (a missing topic or an unreachable
 * broker is reported then). Stateless; thread-safe.
 */
public final class KafkaConnectorFactory implements ConnectorFactory {

    static final Duration DEFAULT_DISCOVERY = Duration.ofSeconds(10);

    /** Public for {@link java.util.ServiceLoader}. */
    public KafkaConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "kafka";
    }

    @Override
    public <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        KafkaEndpoint endpoint = KafkaEndpoint.parse(uri, "group", "from", "until", ErrorPolicy.ON_ERROR,
                ErrorPolicy.DLQ_URI, SchemaOptions.SCHEMA, SchemaOptions.COMPAT, "discovery", "watermarkDelay");
        String until = uri.param("until");
        if (until != null && !until.equals("latest")) {
            throw KafkaEndpoint.bad(uri, "'until' can only be 'latest', got '" + until + "'");
        }
        String name = BadRecords.sourceName(uri);
        KafkaSourceOptions options = new KafkaSourceOptions(name, endpoint, uri.param("group"), KafkaStart.parse(uri),
                until != null, uri.durationParam("discovery", DEFAULT_DISCOVERY),
                uri.durationParam("watermarkDelay", Duration.ZERO), SchemaOptions.reader(uri, codec));
        BadRecords badRecords = BadRecords.of(uri, name);
        return new KafkaSource<>(options, codec, badRecords, partitionCount(name, endpoint));
    }

    @Override
    public <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        KafkaEndpoint endpoint = KafkaEndpoint.parse(uri, "key", SchemaOptions.SCHEMA);
        String key = uri.param("key");
        if (key != null && key.isBlank()) {
            throw KafkaEndpoint.bad(uri, "'key' needs a field name");
        }
        return new KafkaSink<>(uri.raw(), endpoint, codec, SchemaOptions.writer(uri, codec),
                key == null ? null : new JsonKeyField(key));
    }

    /** The topic's partition count now; a missing topic or an unreachable broker is a {@link BadInputException}. */
    private static int partitionCount(String name, KafkaEndpoint endpoint) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(endpoint, null,
                "sluice-metadata-" + endpoint.topic(), DEFAULT_DISCOVERY)) {
            List<PartitionInfo> infos = consumer.partitionsFor(endpoint.topic(), KafkaClients.API_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new BadInputException(name + ": topic '" + endpoint.topic() + "' does not exist");
            }
            return infos.size();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new BadInputException(name + ": no answer from " + endpoint.bootstrap() + " within "
                    + KafkaClients.API_TIMEOUT.toSeconds() + " s", e);
        } catch (KafkaException e) {
            throw new BadInputException(name + ": " + BadRecords.reason(e), e);
        }
    }
}
