package io.sluice.api.state;

/**
 * Where a {@link KeyedProcessFunction} declares its state, in {@link KeyedProcessFunction#open}. The runtime
 * creates the state's tables before it restores a snapshot, so all state must be declared up front.
 */
public interface StateDeclarations {

    /**
     * Declares state the function will use.
     *
     * @throws IllegalArgumentException if a name is declared twice
     */
    void declare(StateDescriptor<?>... descriptors);
}
