package io.sluice.api.transform;

import io.sluice.api.function.KeyFn;
import io.sluice.api.state.KeyedProcessFunction;
import java.util.Objects;

/**
 * The function record of a {@link Transform.Kind#KEYED_PROCESS}: the key and the process function.
 *
 * @param keyFn    extracts the key of an input item
 * @param function the user's process function, shared by the stage's instances
 */
public record KeyedProcess(KeyFn<Object, Object> keyFn, KeyedProcessFunction<Object, Object, Object> function)
        implements KeyedFunction {

    public KeyedProcess {
        Objects.requireNonNull(keyFn, "keyFn");
        Objects.requireNonNull(function, "function");
    }

    @Override
    public KeyFn<Object, Object> keyFn(int input) {
        return keyFn;
    }
}
