package io.sluice.connectors.nexmark;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A bid on an auction. JSON: {@code {"type":"bid","auction":..,"bidder":..,"price":..,"channel":..,"url":..,
 * "dateTime":..,"extra":..}}.
 *
 * @param auction  the {@link Auction#id()} bid on
 * @param bidder   the {@link Person#id()} of the bidder
 * @param price    cents, positive
 * @param channel  where the bid came from, e.g. {@code Google}
 * @param url      the page the bid was placed on
 * @param dateTime event time, epoch milliseconds
 * @param extra    padding, as in the original benchmark
 */
@JsonPropertyOrder({"auction", "bidder", "price", "channel", "url", "dateTime", "extra"})
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra)
        implements NexmarkEvent {
}
