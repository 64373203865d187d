package io.sluice.connectors.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one {@link ObjectMapper} behind every JSON codec, configured once for records on connector hot paths.
 * Immutable after class initialisation, so safe to share between threads.
 */
final class JsonMapperHolder {

    /**
     * <ul>
     *   <li>The generator never closes or flushes the stream it writes to: sinks buffer many records per
     *       flush, and a flush per record would undo that.</li>
     *   <li>Unknown properties are ignored, so a newer producer's extra fields do not break older jobs.</li>
     *   <li>Trailing content after the value is an error: a line holding two objects is malformed.</li>
     *   <li>A concrete subtype ({@code Bid}) can be read without its {@code "type"} property.</li>
     *   <li>Error locations do not quote the input (keeps messages one line and short).</li>
     * </ul>
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES)
            .build();

    private JsonMapperHolder() {
    }
}
