package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codecs;
import io.sluice.api.join.UnboundedJoin;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.time.Duration;
import java.util.Set;

/**
 * NEXMark query 3, local item suggestion (design.md §6): persons in the states OR, ID or CA joined with the
 * auctions they sell ({@code auction.seller = person.id}) in category 10, as {@code {"name","city","state","id"}}
 * with {@code id} the auction's id. An unbounded symmetric inner join: every (person, auction) pair is emitted
 * once, as soon as the second of the two arrives, whichever it is.
 *
 * <p><b>Time and lateness.</b> The source's event time is {@code dateTime} with watermark = highest dateTime seen
 * − 200 ms, as for every NEXMark job, but this join is not bound to event time: the output is the same set of
 * pairs in any arrival order, so nothing is late and nothing is dropped (an event behind the watermark still
 * finds its partner). Its state, the selected persons and the category-10 auctions, grows with the input.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ3 implements StreamJob {

    /** The states whose persons the query selects. */
    static final Set<String> STATES = Set.of("OR", "ID", "CA");
    /** The category whose auctions the query selects. */
    static final long CATEGORY = 10;
    /** How far out of order events may come: the watermark trails the highest dateTime by this much. */
    static final Duration MAX_DELAY = Duration.ofMillis(200);

    /** A seller from one of the states with one of their category-10 auctions. */
    public record LocalAuction(String name, String city, String state, long id) {
    }

    @Override
    public String name() {
        return "nexmark-q3";
    }

    @Override
    public String description() {
        return "NEXMark q3: persons in OR, ID or CA with their auctions in category 10 (unbounded join)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        // Selecting before the fan-out keeps the selection in the source's fused chain: only the few selected
        // events are handed to the two sides of the join.
        var events = p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(NexmarkQ3::selected).named("selected-persons-and-auctions");
        KeyedStream<Long, Person> sellers = events.<Person>flatMap((e, out) -> {
            if (e instanceof Person person) {
                out.emit(person);
            }
        }).named("persons-in-or-id-ca").keyBy(Person::id);
        KeyedStream<Long, Auction> auctions = events.<Auction>flatMap((e, out) -> {
            if (e instanceof Auction auction) {
                out.emit(auction);
            }
        }).named("auctions-in-category-10").keyBy(Auction::seller);
        sellers.join(auctions)
                .unbounded(UnboundedJoin.inner(Codecs.json(Person.class), Codecs.json(Auction.class)),
                        (person, auction) -> new LocalAuction(person.name(), person.city(), person.state(), auction.id()))
                .named("sellers-with-auctions")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(LocalAuction.class)));
    }

    /** A person in one of the states, or an auction in the category. */
    static boolean selected(NexmarkEvent e) {
        return e instanceof Person person ? STATES.contains(person.state())
                : e instanceof Auction auction && auction.category() == CATEGORY;
    }
}
