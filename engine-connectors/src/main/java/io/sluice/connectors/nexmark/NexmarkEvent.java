package io.sluice.connectors.nexmark;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An event of the NEXMark online-auction benchmark: a {@link Person} registers, an {@link Auction} opens, a
 * {@link Bid} is placed. In JSON each event is one object whose first property {@code "type"} is
 * {@code "person"}, {@code "auction"} or {@code "bid"}, followed by the record's fields in declaration order
 * (design.md §6), so {@code Codecs.json(NexmarkEvent.class)} reads any of them back as the right subtype;
 * {@code Codecs.json(Bid.class)} reads a bid with or without its {@code "type"}.
 *
 * <p>Events are immutable values and safe to share between threads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Person.class, name = "person"),
        @JsonSubTypes.Type(value = Auction.class, name = "auction"),
        @JsonSubTypes.Type(value = Bid.class, name = "bid")
})
public sealed interface NexmarkEvent permits Person, Auction, Bid {

    /** The event time, epoch milliseconds. */
    long dateTime();
}
