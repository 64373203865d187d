package io.sluice.connectors.dlq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A record a source could not read, as written to the dead-letter sink (one JSON object per record):
 *
 * <pre>{@code
 * {"time":1767225600000,"source":"kafka://127.0.0.1:9092/events","position":"events-2@17",
 *  "error":"invalid JSON for Click at column 1: ...","schema":"click:2","key":"dXNlci0x","bytes":"b29wcw=="}
 * }</pre>
 *
 * @param time     when it was dead-lettered, epoch milliseconds
 * @param source   the source URI as given (without its {@code dlq} parameter)
 * @param position where the record is: {@code topic-partition@offset}, {@code index N} of a queue, {@code file:line}
 * @param error    why it could not be read, one line
 * @param schema   its schema stamp {@code name:version}, or absent
 * @param key      its key, base64, or absent
 * @param bytes    the record exactly as read, base64
 */
@JsonPropertyOrder({"time", "source", "position", "error", "schema", "key", "bytes"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long time, String source, String position, String error, String schema, String key,
                         String bytes) {
}
