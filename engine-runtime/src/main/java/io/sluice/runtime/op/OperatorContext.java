package io.sluice.runtime.op;

import io.sluice.runtime.time.Clock;

/**
 * Where an operator instance runs: its names, its instance index, which key groups it owns and the clock
 * of processing time.
 *
 * @param jobName      the job
 * @param name         display name of the operator
 * @param uid          stable id, the key of its state in snapshots
 * @param instance     index of this parallel instance
 * @param parallelism  number of parallel instances
 * @param maxKeyGroups number of key groups keyed state is divided into
 * @param clock        processing time
 */
public record OperatorContext(String jobName, String name, String uid, int instance, int parallelism, int maxKeyGroups,
                              Clock clock) {

    /** {@code 'name' (uid) #instance}, for error messages. */
    public String describe() {
        return "'" + name + "' (" + uid + (parallelism > 1 ? ", instance " + instance : "") + ")";
    }

    /** First key group owned by this instance. */
    public int firstKeyGroup() {
        return KeyGroups.firstKeyGroup(instance, parallelism, maxKeyGroups);
    }

    /** One past the last key group owned by this instance. */
    public int endKeyGroup() {
        return KeyGroups.firstKeyGroup(instance + 1, parallelism, maxKeyGroups);
    }
}
