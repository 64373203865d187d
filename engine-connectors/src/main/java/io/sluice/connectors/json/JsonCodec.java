package io.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Jackson codec for one type: one JSON value, UTF-8, without a trailing newline. The {@link ObjectReader}
 * and {@link ObjectWriter} are resolved once, so a call does no type lookup.
 *
 * <p><b>Thread safety:</b> immutable; safe to call from any number of threads. {@link #encode(Object,
 * OutputStream)} neither flushes nor closes the stream. Malformed input is an {@link IOException} whose
 * message is one line: the type, the column and Jackson's reason.
 *
 * @param <T> the value type
 */
public final class JsonCodec<T> implements Codec<T> {

    /** Jackson's nested location, e.g. "[Source: REDACTED (...); line: 1, column: 1]", shortened to the column. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^;\\]]*; line: \\d+, column: (\\d+)\\]");

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    JsonCodec(ObjectMapper mapper, Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public void encode(T value, OutputStream out) throws IOException {
        writer.writeValue(out, value);
    }

    @Override
    public T decode(byte[] bytes, int offset, int length) throws IOException {
        try {
            return reader.readValue(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw new IOException(describe(e), e);
        }
    }

    private String describe(JsonProcessingException e) {
        StringBuilder msg = new StringBuilder("invalid JSON for ").append(type.getSimpleName());
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getColumnNr() > 0) {
            msg.append(" at column ").append(loc.getColumnNr());
        }
        String reason = e.getOriginalMessage();
        if (reason != null) {
            msg.append(": ").append(SOURCE_LOCATION.matcher(reason).replaceAll("column $1")
                    .replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        }
        return msg.toString();
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type.getSimpleName() + "]";
    }
}
