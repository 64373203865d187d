package io.sluice.api.state;

/**
 * A handle on one piece of keyed state, declared with a {@link StateDescriptor} and obtained with
 * {@link ProcessContext#state}. A handle is scoped to the <i>current key</i>: the runtime sets the key before
 * every call of the process function, and every read or write through the handle goes to that key's value.
 *
 * <p><b>Thread safety:</b> use a handle only on the worker thread that called the function, during that call.
 * Handles are cheap views owned by the runtime; do not keep them past the call.
 */
public interface State {

    /** Removes the current key's value. */
    void clear();
}
