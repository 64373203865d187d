/**
 * The {@code kafka:} connector (kafka-clients): a partitioned source (one split per partition, static assignment,
 * per-partition watermarks, pause/resume under backpressure, bounded with {@code until=latest}, new partitions
 * picked up) and an at-least-once sink with key extraction. Entry point:
 * {@link io.sluice.connectors.kafka.KafkaConnectorFactory}.
 */
package io.sluice.connectors.kafka;
