/**
 * The NEXMark benchmark queries as Sluice jobs ({@code nexmark-q0}, {@code nexmark-q1}, ...),
 * with inputs and outputs exactly as design.md §6 defines them.
 */
package io.sluice.jobs.nexmark;
