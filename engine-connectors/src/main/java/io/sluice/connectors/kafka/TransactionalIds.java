package io.sluice.connectors.kafka;

/**
 * The {@code transactional.id}s of one instance of an exactly-once {@code kafka:} sink:
 * {@code <prefix>-g<generation>-<instance>-<slot>}, with {@code prefix = sluice-<job>-<sink uid>}.
 *
 * <p>The <b>generation</b> is {@code restored checkpoint id + 1} (0 on a fresh start), the same for every
 * instance of a run. It keeps the ids of this run apart from those in the restored checkpoint (which an earlier
 * generation wrote), so the instance committing the restored transactions never races with another instance
 * initialising — and thereby aborting — the same id. Ids stay stable: a run restored again from the same
 * checkpoint uses the same ones, and a chain of restores adds one set of ids per restore, which the broker
 * forgets after {@code transactional.id.expiration.ms} (7 days by default). Immutable.
 *
 * @param prefix      {@code sluice-<job>-<sink uid>}
 * @param generation  restored checkpoint id + 1, or 0
 * @param instance    this instance
 * @param parallelism the instances of the sink in this run
 */
record TransactionalIds(String prefix, long generation, int instance, int parallelism) {

    static TransactionalIds of(String job, String sinkUid, long restoredCheckpointId, int instance, int parallelism) {
        return new TransactionalIds("sluice-" + job + "-" + sinkUid, restoredCheckpointId + 1, instance, parallelism);
    }

    /** The id of slot {@code slot} of this instance. */
    String id(int slot) {
        return prefix + "-g" + generation + "-" + instance + "-" + slot;
    }

    /**
     * Whether this instance must abort the open transaction of {@code transactionalId} at start: instance 0 takes
     * every id of the sink from other generations or of instances this run does not have; every instance takes its
     * own ids (of this generation: left by a run restored from the same checkpoint that crashed before
     * completing one). Ids of other sinks, or of this run's other instances, are never touched.
     */
    boolean abortsAtStart(String transactionalId) {
        String start = prefix + "-g";
        if (!transactionalId.startsWith(start)) {
            return false;
        }
        String[] parts = transactionalId.substring(start.length()).split("-");
        if (parts.length != 3) {
            return false;
        }
        long gen;
        int inst;
        try {
            gen = Long.parseLong(parts[0]);
            inst = Integer.parseInt(parts[1]);
            Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (gen == generation && inst < parallelism) {
            return inst == instance;
        }
        return instance == 0;
    }
}
