package io.sluice.connectors.nexmark;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A person registering with the auction site. JSON: {@code {"type":"person","id":..,"name":..,
 * "emailAddress":..,"creditCard":..,"city":..,"state":..,"dateTime":..,"extra":..}}.
 *
 * @param id           person id; the generator numbers persons 1000, 1001, ...
 * @param name         full name
 * @param emailAddress e-mail address
 * @param creditCard   card number, four groups of four digits
 * @param city         city
 * @param state        US state code, e.g. {@code OR}
 * @param dateTime     event time, epoch milliseconds
 * @param extra        padding, as in the original benchmark
 */
@JsonPropertyOrder({"id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"})
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
                     long dateTime, String extra) implements NexmarkEvent {
}
