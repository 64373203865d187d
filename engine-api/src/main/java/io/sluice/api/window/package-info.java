/**
 * Event-time windows: {@link io.sluice.api.window.Windows} (tumbling, sliding, session) makes a
 * {@link io.sluice.api.window.WindowDefinition} (with offset, allowed lateness and early results);
 * {@link io.sluice.api.KeyedStream#window} and {@link io.sluice.api.Stream#windowAll} apply it, giving a
 * {@link io.sluice.api.window.WindowedStream} / {@link io.sluice.api.window.AllWindowedStream} to aggregate
 * incrementally, whose late events are a side output stream of their own.
 */
package io.sluice.api.window;
