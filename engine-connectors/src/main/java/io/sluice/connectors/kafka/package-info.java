/**
 * The {@code kafka:} connector (kafka-clients): a partitioned source (one split per partition, static assignment,
 * per-partition watermarks, pause/resume under backpressure, bounded with {@code until=latest}, new partitions
 * picked up, offsets in checkpoints and committed to the group after each completed checkpoint) and a sink with
 * key extraction, at-least-once without checkpoints and exactly-once (a transaction per checkpoint epoch) with
 * them. Entry point: {@link io.sluice.connectors.kafka.KafkaConnectorFactory}.
 */
package io.sluice.connectors.kafka;
