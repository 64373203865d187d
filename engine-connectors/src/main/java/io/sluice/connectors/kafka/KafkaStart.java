package io.sluice.connectors.kafka;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;

/**
 * Where a {@code kafka:} source starts reading when it is not restored: {@code from=earliest} (the default),
 * {@code latest}, {@code committed} (the group's committed offsets, earliest where it has none; needs
 * {@code group}) or an epoch-millisecond timestamp (the first record at or after it, by Kafka timestamp).
 *
 * @param kind      which
 * @param timestamp for {@link Kind#TIMESTAMP}, epoch milliseconds
 */
record KafkaStart(Kind kind, long timestamp) {

    enum Kind { EARLIEST, LATEST, COMMITTED, TIMESTAMP }

    static KafkaStart parse(ConnectorUri uri) {
        String from = uri.param("from", "earliest");
        switch (from) {
            case "earliest":
                return new KafkaStart(Kind.EARLIEST, 0);
            case "latest":
                return new KafkaStart(Kind.LATEST, 0);
            case "committed":
                if (uri.param("group") == null) {
                    throw new BadInputException("connector URI '" + uri + "': from=committed needs group=<consumer group>");
                }
                return new KafkaStart(Kind.COMMITTED, 0);
            default:
                try {
                    return new KafkaStart(Kind.TIMESTAMP, Long.parseLong(from));
                } catch (NumberFormatException e) {
                    throw new BadInputException("connector URI '" + uri + "': 'from' must be earliest, latest, committed"
                            + " or epoch milliseconds, got '" + from + "'");
                }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.TIMESTAMP ? "from " + timestamp : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
