/**
 * JSON codecs (Jackson): the {@code json} {@link io.sluice.api.codec.CodecProvider}, the default record
 * encoding of every connector.
 */
package io.sluice.connectors.json;
