/**
 * The untyped record of what a pipeline declares, read by the runtime's planner. Stable enough for the
 * planner and tools; users work with the typed DSL in {@link io.sluice.api}.
 */
package io.sluice.api.transform;
