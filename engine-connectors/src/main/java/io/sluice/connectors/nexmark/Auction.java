package io.sluice.connectors.nexmark;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An auction opened by a seller. JSON: {@code {"type":"auction","id":..,"itemName":..,"description":..,
 * "initialBid":..,"reserve":..,"dateTime":..,"expires":..,"seller":..,"category":..,"extra":..}}.
 *
 * @param id          auction id; the generator numbers auctions 1000, 1001, ...
 * @param itemName    what is sold
 * @param description free text
 * @param initialBid  the opening price, cents, positive
 * @param reserve     the lowest price the seller accepts, cents, {@code >= initialBid}
 * @param dateTime    event time (the auction opens), epoch milliseconds
 * @param expires     when the auction closes, epoch milliseconds, after {@code dateTime}
 * @param seller      the {@link Person#id()} of the seller
 * @param category    category id, 10 to 14 in generated data
 * @param extra       padding, as in the original benchmark
 */
@JsonPropertyOrder({"id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller",
        "category", "extra"})
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
                      long expires, long seller, long category, String extra) implements NexmarkEvent {
}
