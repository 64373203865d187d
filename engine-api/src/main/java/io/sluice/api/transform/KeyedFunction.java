package io.sluice.api.transform;

import io.sluice.api.function.KeyFn;

/**
 * Implemented by the function record of every keyed transform (rolling aggregation, windows, process
 * functions, joins, dedupe): the planner partitions each input edge by the key this returns for that input.
 */
public interface KeyedFunction {

    /** The key of records arriving on input {@code input} (0 for single-input transforms). */
    KeyFn<Object, Object> keyFn(int input);
}
