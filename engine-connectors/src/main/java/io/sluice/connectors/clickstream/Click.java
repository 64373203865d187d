package io.sluice.connectors.clickstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One user interaction on a web shop, the input of the user-analytics jobs (design.md §7). JSON:
 * {@code {"userId":..,"sessionId":..,"page":"/p/42","action":"view","ts":..,"country":"DE","device":"mobile",
 * "amountCents":..}}, where {@code sessionId} is left out when {@code null}.
 *
 * <p>Immutable and safe to share between threads. The generator uses the {@link #VIEW}, {@link #CART},
 * {@link #PURCHASE} and {@link #ERROR} constants for {@code action}, so comparing with {@code equals} is cheap.
 *
 * @param userId      the user
 * @param sessionId   the client's session id, or {@code null} when the client sent none (jobs sessionize by
 *                    {@code userId} themselves)
 * @param page        the page path, e.g. {@code /p/42}
 * @param action      {@code view}, {@code cart}, {@code purchase} or {@code error}
 * @param ts          event time, epoch milliseconds
 * @param country     ISO 3166 alpha-2 country code
 * @param device      {@code mobile}, {@code desktop} or {@code tablet}
 * @param amountCents the amount paid, positive for purchases, 0 otherwise
 */
@JsonPropertyOrder({"userId", "sessionId", "page", "action", "ts", "country", "device", "amountCents"})
public record Click(long userId,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String sessionId,
                    String page, String action, long ts, String country, String device, long amountCents) {

    /** A page view, most events. */
    public static final String VIEW = "view";
    /** An item put into the cart. */
    public static final String CART = "cart";
    /** A purchase; the only action with {@code amountCents > 0}. */
    public static final String PURCHASE = "purchase";
    /** A failed request. */
    public static final String ERROR = "error";
}
