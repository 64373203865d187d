/** Utility jobs that work on event logs rather than analyse them ({@code copy}). */
package io.sluice.jobs.tools;
