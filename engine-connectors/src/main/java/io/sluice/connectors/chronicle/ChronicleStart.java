package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;

/**
 * Where a {@code chronicle:} source starts on a fresh run: {@code from=earliest} (or {@code start}, the default),
 * {@code latest} (or {@code end}: only what is appended from now on), {@code index:<n>} (the first record of the
 * excerpt with that index, decimal or {@code 0x} hex), {@code index:<n>:<k>} (record {@code k}, from 0, of that
 * excerpt: the form in which dead letters and errors name a record of a batch) or an epoch-millisecond time (the
 * first excerpt written at or after it).
 *
 * @param kind   which
 * @param value  the index or the time
 * @param offset for an index: the record in its excerpt
 */
record ChronicleStart(Kind kind, long value, int offset) {

    enum Kind { EARLIEST, LATEST, INDEX, TIMESTAMP }

    static ChronicleStart parse(ConnectorUri uri) {
        String from = uri.param("from", "earliest");
        switch (from) {
            case "earliest":
            case "start":
                return new ChronicleStart(Kind.EARLIEST, 0, 0);
            case "latest":
            case "end":
                return new ChronicleStart(Kind.LATEST, 0, 0);
            default:
                break;
        }
        try {
            if (from.startsWith("index:")) {
                String n = from.substring("index:".length());
                int colon = n.indexOf(':');
                int offset = colon < 0 ? 0 : Integer.parseInt(n.substring(colon + 1));
                if (offset < 0) {
                    throw new NumberFormatException();
                }
                n = colon < 0 ? n : n.substring(0, colon);
                return new ChronicleStart(Kind.INDEX, n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n),
                        offset);
            }
            return new ChronicleStart(Kind.TIMESTAMP, Long.parseLong(from), 0);
        } catch (NumberFormatException e) {
            throw new BadInputException("connector URI '" + uri + "': 'from' must be earliest, latest, index:<n>,"
                    + " index:<n>:<record> or epoch milliseconds, got '" + from + "'");
        }
    }
}
