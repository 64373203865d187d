package io.sluice.connectors.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.clickstream.Click;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    static final Person PERSON = new Person(1000, "Peter Smith", "p@x.test", "1234 5678 9012 3456", "Bend", "OR",
            1767225600000L, "xy");
    static final Auction AUCTION = new Auction(1001, "lamp", "Old lamp", 500, 700, 1767225600001L, 1767225610001L,
            1000, 10, "");
    static final Bid BID = new Bid(1001, 1000, 650, "Google", "https://www.nexmark.com/a", 1767225600002L, "e");

    static final String PERSON_JSON = "{\"type\":\"person\",\"id\":1000,\"name\":\"Peter Smith\",\"emailAddress\":\"p@x.test\","
            + "\"creditCard\":\"1234 5678 9012 3456\",\"city\":\"Bend\",\"state\":\"OR\",\"dateTime\":1767225600000,\"extra\":\"xy\"}";
    static final String AUCTION_JSON = "{\"type\":\"auction\",\"id\":1001,\"itemName\":\"lamp\",\"description\":\"Old lamp\","
            + "\"initialBid\":500,\"reserve\":700,\"dateTime\":1767225600001,\"expires\":1767225610001,\"seller\":1000,"
            + "\"category\":10,\"extra\":\"\"}";
    static final String BID_JSON = "{\"type\":\"bid\",\"auction\":1001,\"bidder\":1000,\"price\":650,\"channel\":\"Google\","
            + "\"url\":\"https://www.nexmark.com/a\",\"dateTime\":1767225600002,\"extra\":\"e\"}";

    record Reading(String sensor, double value, List<String> tags) {
    }

    @Test
    void nexmarkEventsHaveTheDesignedFieldNamesAndOrder() {
        Codec<NexmarkEvent> codec = Codecs.json(NexmarkEvent.class);
        assertThat(text(codec, PERSON)).isEqualTo(PERSON_JSON);
        assertThat(text(codec, AUCTION)).isEqualTo(AUCTION_JSON);
        assertThat(text(codec, BID)).isEqualTo(BID_JSON);
    }

    @Test
    void concreteCodecsWriteTheTypeToo() {
        assertThat(text(Codecs.json(Bid.class), BID)).isEqualTo(BID_JSON);
        assertThat(text(Codecs.json(Person.class), PERSON)).isEqualTo(PERSON_JSON);
        assertThat(text(Codecs.json(Object.class), AUCTION)).isEqualTo(AUCTION_JSON);
    }

    @Test
    void decodingTheInterfaceYieldsTheRightSubtype() throws IOException {
        Codec<NexmarkEvent> codec = Codecs.json(NexmarkEvent.class);
        assertThat(codec.decode(PERSON_JSON.getBytes(UTF_8))).isEqualTo(PERSON);
        assertThat(codec.decode(AUCTION_JSON.getBytes(UTF_8))).isEqualTo(AUCTION);
        assertThat(codec.decode(BID_JSON.getBytes(UTF_8))).isEqualTo(BID);
    }

    @Test
    void concreteCodecReadsWithOrWithoutType() throws IOException {
        Codec<Bid> codec = Codecs.json(Bid.class);
        assertThat(codec.decode(BID_JSON.getBytes(UTF_8))).isEqualTo(BID);
        String untyped = BID_JSON.replace("\"type\":\"bid\",", "");
        assertThat(codec.decode(untyped.getBytes(UTF_8))).isEqualTo(BID);
    }

    @Test
    void decodesASliceOfALargerArray() throws IOException {
        byte[] framed = ("xx" + BID_JSON + "\nyy").getBytes(UTF_8);
        assertThat(Codecs.json(NexmarkEvent.class).decode(framed, 2, BID_JSON.length())).isEqualTo(BID);
    }

    @Test
    void clickOmitsAMissingSessionId() throws IOException {
        Codec<Click> codec = Codecs.json(Click.class);
        Click withSession = new Click(7, "s-1", "/p/42", Click.PURCHASE, 1767225600000L, "DE", "mobile", 1299);
        Click without = new Click(7, null, "/p/42", Click.VIEW, 1767225600000L, "DE", "mobile", 0);
        assertThat(text(codec, withSession)).isEqualTo("{\"userId\":7,\"sessionId\":\"s-1\",\"page\":\"/p/42\","
                + "\"action\":\"purchase\",\"ts\":1767225600000,\"country\":\"DE\",\"device\":\"mobile\",\"amountCents\":1299}");
        assertThat(text(codec, without)).isEqualTo("{\"userId\":7,\"page\":\"/p/42\",\"action\":\"view\","
                + "\"ts\":1767225600000,\"country\":\"DE\",\"device\":\"mobile\",\"amountCents\":0}");
        assertThat(codec.decode(codec.encode(withSession))).isEqualTo(withSession);
        assertThat(codec.decode(codec.encode(without))).isEqualTo(without);
    }

    @Test
    void userRecordsRoundTripAndUnknownFieldsAreIgnored() throws IOException {
        Codec<Reading> codec = Codecs.json(Reading.class);
        Reading r = new Reading("t1", 21.5, List.of("a", "b"));
        assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
        assertThat(codec.decode("{\"sensor\":\"t1\",\"value\":21.5,\"tags\":[\"a\",\"b\"],\"new\":1}".getBytes(UTF_8)))
                .isEqualTo(r);
    }

    @Test
    void malformedInputIsAnIOExceptionWithAOneLineMessage() {
        Codec<Bid> codec = Codecs.json(Bid.class);
        assertThatThrownBy(() -> codec.decode("{\"auction\":x}".getBytes(UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("invalid JSON for Bid at column 12: Unrecognized token 'x'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> codec.decode("{\"auction\":1".getBytes(UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unexpected end-of-input")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("REDACTED"));
        assertThatThrownBy(() -> codec.decode("{} {}".getBytes(UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> Codecs.json(NexmarkEvent.class).decode("{\"id\":1}".getBytes(UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("missing type id property 'type'");
        assertThatThrownBy(() -> Codecs.json(NexmarkEvent.class).decode("{\"type\":\"bet\"}".getBytes(UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("'bet'");
    }

    @Test
    void encodeNeitherFlushesNorClosesTheStream() throws IOException {
        class Watching extends OutputStream {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int flushes;
            boolean closed;

            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                flushes++;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
        Watching out = new Watching();
        Codecs.json(Bid.class).encode(BID, out);
        Codecs.json(Bid.class).encode(BID, out);
        assertThat(out.flushes).isZero();
        assertThat(out.closed).isFalse();
        assertThat(out.bytes.toString(UTF_8)).isEqualTo(BID_JSON + BID_JSON);
    }

    @Test
    void codecsAreFoundThroughTheProviderAndCached() {
        assertThat(Codecs.provider("json")).isInstanceOf(JsonCodecProvider.class);
        assertThat(Codecs.json(Bid.class)).isInstanceOf(JsonCodec.class).isSameAs(Codecs.json(Bid.class));
        assertThat(Codecs.forType(Click.class)).isSameAs(JsonCodecProvider.codecFor(Click.class));
    }

    private static <T> String text(Codec<T> codec, T value) {
        return new String(codec.encode(value), UTF_8);
    }
}
