package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codecs;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.time.Duration;

/**
 * NEXMark query 8, monitor new users (design.md §6): persons who opened an auction in the same tumbling 10 s
 * window (aligned to the epoch) as they registered, i.e. {@code person.dateTime} and {@code auction.dateTime} in
 * the same window and {@code auction.seller = person.id}; one {@code {"windowStart","windowEnd","id","name"}} per
 * window and person, however many auctions they opened in it. A windowed semi join of persons (by id) with
 * auctions (by seller): each person record is emitted once when its window fires, if the window holds at least
 * one of their auctions. (Person ids are unique in NEXMark; a person record repeated within one window would be
 * reported once per record.)
 *
 * <p><b>Time and lateness.</b> Event time is {@code dateTime}, watermark = highest dateTime seen − 200 ms; a window
 * fires when the watermark reaches its end, and at the end of a bounded input. An event older than the join's
 * watermark is late and ignored. The join's watermark is the lower of its two inputs' (persons and auctions, both
 * from the one source), so an event behind the source's watermark is ignored unless the other input's watermark
 * still lags behind it; an event that is not late is never ignored.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ8 implements StreamJob {

    /** The tumbling window in which a person must register and open an auction. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** How far out of order events may come: the watermark trails the highest dateTime by this much. */
    static final Duration MAX_DELAY = Duration.ofMillis(200);

    /** A person who registered and opened an auction in the window {@code [windowStart, windowEnd)}. */
    public record NewSeller(long windowStart, long windowEnd, long id, String name) {
    }

    @Override
    public String name() {
        return "nexmark-q8";
    }

    @Override
    public String description() {
        return "NEXMark q8: persons who opened an auction in the tumbling 10 s window they registered in";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        // Dropping the bids before the fan-out keeps them in the source's fused chain: only persons and auctions
        // are handed to the two sides of the join.
        var events = p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> !(e instanceof Bid)).named("persons-and-auctions");
        KeyedStream<Long, Person> persons = events.<Person>flatMap((e, out) -> {
            if (e instanceof Person person) {
                out.emit(person);
            }
        }).named("persons").keyBy(Person::id);
        KeyedStream<Long, Auction> auctions = events.<Auction>flatMap((e, out) -> {
            if (e instanceof Auction auction) {
                out.emit(auction);
            }
        }).named("auctions").keyBy(Auction::seller);
        persons.join(auctions)
                .windowed(WindowJoin.of(Windows.tumbling(WINDOW), Codecs.json(Person.class), Codecs.json(Auction.class)).semi(),
                        (start, end, person, auction) -> new NewSeller(start, end, person.id(), person.name()))
                .named("new-sellers")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(NewSeller.class)));
    }
}
