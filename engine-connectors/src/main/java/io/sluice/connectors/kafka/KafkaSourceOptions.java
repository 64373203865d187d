package io.sluice.connectors.kafka;

import io.sluice.connectors.schema.ReaderSchema;
import java.time.Duration;

/**
 * What a {@code kafka:} source was asked for. Immutable.
 *
 * @param name           the source URI as given, without its {@code dlq} parameter (plans, messages)
 * @param endpoint       brokers, topic, client properties
 * @param group          consumer group for {@code from=committed} and for committing offsets after checkpoints;
 *                       {@code null} for none
 * @param start          where to start on a fresh run
 * @param bounded        {@code until=latest}: stop at the end offsets of when the job started
 * @param discovery      how often a running unbounded source looks for new partitions
 * @param watermarkDelay how far each partition's watermark trails its highest Kafka timestamp
 * @param reader         the schema the job reads, or {@code null} when it declares none
 */
record KafkaSourceOptions(String name, KafkaEndpoint endpoint, String group, KafkaStart start, boolean bounded,
                          Duration discovery, Duration watermarkDelay, ReaderSchema reader) {
}
