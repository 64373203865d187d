/**
 * The typed functions that stages of a {@link io.sluice.api.Stream} run. Every function may throw a checked
 * exception; the job then fails with that exception as the cause and a message naming the stage.
 */
package io.sluice.api.function;
