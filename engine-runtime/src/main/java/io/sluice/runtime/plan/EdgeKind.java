package io.sluice.runtime.plan;

/** How records cross an edge between two vertices. */
public enum EdgeKind {
    /** Instance i feeds instance i; both sides have the same parallelism. */
    FORWARD("forward"),
    /** Round-robin over the consumer instances: an explicit {@code rebalance()} or a parallelism change. */
    REBALANCE("rebalance"),
    /** By key: every record goes to the instance that owns its key group. */
    PARTITIONED("partitioned(hash)");

    private final String label;

    EdgeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
