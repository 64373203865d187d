package io.sluice.runtime.exec;

/**
 * What one vertex (fused chain) of a running job shows beyond its operators' counters.
 *
 * @param vertex       the vertex id
 * @param parallelism  its instances
 * @param watermark    the lowest current event-time watermark of its instances (epoch ms), or
 *                     {@link Long#MIN_VALUE} before the first one (or for a job without event time)
 * @param backpressure mean fill ratio of its outbound queues (0 = empty, 1 = full: its consumers are the
 *                     bottleneck); 0 for a chain that ends in a sink
 * @param alignmentPauses for an aligned source, how many times its instances stopped reading because they
 *                     were too far ahead of the slowest (see {@code WatermarkPolicy.withAlignment}); else 0
 */
public record VertexMetrics(int vertex, int parallelism, long watermark, double backpressure, long alignmentPauses) {
}
