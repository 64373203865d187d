package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;

/**
 * Where a {@code chronicle:} source starts on a fresh run: {@code from=earliest} (or {@code start}, the default),
 * {@code latest} (or {@code end}: only what is appended from now on), {@code index:<n>} (the excerpt with that
 * index, decimal or {@code 0x} hex) or an epoch-millisecond time (the first excerpt written at or after it).
 *
 * @param kind  which
 * @param value the index or the time
 */
record ChronicleStart(Kind kind, long value) {

    enum Kind { EARLIEST, LATEST, INDEX, TIMESTAMP }

    static ChronicleStart parse(ConnectorUri uri) {
        String from = uri.param("from", "earliest");
        switch (from) {
            case "earliest":
            case "start":
                return new ChronicleStart(Kind.EARLIEST, 0);
            case "latest":
            case "end":
                return new ChronicleStart(Kind.LATEST, 0);
            default:
                break;
        }
        try {
            if (from.startsWith("index:")) {
                String n = from.substring("index:".length());
                return new ChronicleStart(Kind.INDEX, n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n));
            }
            return new ChronicleStart(Kind.TIMESTAMP, Long.parseLong(from));
        } catch (NumberFormatException e) {
            throw new BadInputException("connector URI '" + uri + "': 'from' must be earliest, latest, index:<n> or epoch"
                    + " milliseconds, got '" + from + "'");
        }
    }
}
