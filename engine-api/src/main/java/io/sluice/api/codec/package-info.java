/**
 * Explicit codecs for records and state. Sluice has no Java serialization anywhere: records cross
 * connectors and snapshots through a {@link io.sluice.api.codec.Codec}.
 */
package io.sluice.api.codec;
