package io.sluice.connectors.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.ConnectorUri;
import org.junit.jupiter.api.Test;

class SchemaTest {

    static ReaderSchema reader(int n, Compatibility c) {
        return ReaderSchema.of(SchemaId.of("click", n), c);
    }

    @Test
    void compatibilityRulesForReaderVersionNAndWriterVersionM() {
        assertThat(reader(2, Compatibility.BACKWARD).accepts(SchemaId.of("click", 1))).isTrue();
        assertThat(reader(2, Compatibility.BACKWARD).accepts(SchemaId.of("click", 2))).isTrue();
        assertThat(reader(2, Compatibility.BACKWARD).accepts(SchemaId.of("click", 3))).isFalse();
        assertThat(reader(2, Compatibility.FORWARD).accepts(SchemaId.of("click", 1))).isFalse();
        assertThat(reader(2, Compatibility.FORWARD).accepts(SchemaId.of("click", 3))).isTrue();
        assertThat(reader(2, Compatibility.FULL).accepts(SchemaId.of("click", 9))).isTrue();
        assertThat(reader(2, Compatibility.FULL).since(2).accepts(SchemaId.of("click", 1))).isFalse();
        assertThat(reader(2, Compatibility.NONE).accepts(SchemaId.of("click", 2))).isTrue();
        assertThat(reader(2, Compatibility.NONE).accepts(SchemaId.of("click", 1))).isFalse();
        assertThat(reader(2, Compatibility.FULL).accepts(SchemaId.of("order", 2))).isFalse();
        assertThat(reader(2, Compatibility.NONE).accepts(null)).as("unstamped records pass").isTrue();
        assertThat(reader(2, Compatibility.BACKWARD).refusal(SchemaId.of("click", 3)))
                .isEqualTo("click:3 is not readable by click:2 (BACKWARD: click versions <= 2)");
    }

    @Test
    void stampsParseAndRejectNonsense() {
        assertThat(SchemaId.parse("click:2")).isEqualTo(SchemaId.of("click", 2));
        assertThat(SchemaId.fromBytes("click:2".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(SchemaId.of("click", 2));
        assertThat(SchemaId.fromBytes("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNull();
        for (String bad : new String[] {"click", "click:", ":2", "click:x", "click:0", "ns:click:3"}) {
            assertThatThrownBy(() -> SchemaId.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void uriAndCodecDeclarationsCombine() {
        VersionedCodec<String> v2 = Schemas.string("click", 2);
        assertThat(SchemaOptions.reader(ConnectorUri.parse("x:y"), v2)).isEqualTo(v2.reader());
        assertThat(SchemaOptions.reader(ConnectorUri.parse("x:y?compat=full"), v2).compatibility()).isEqualTo(Compatibility.FULL);
        assertThat(SchemaOptions.reader(ConnectorUri.parse("x:y?schema=click:4&compat=forward"), Codecs.strings()))
                .isEqualTo(ReaderSchema.of(SchemaId.of("click", 4), Compatibility.FORWARD));
        assertThat(SchemaOptions.reader(ConnectorUri.parse("x:y"), Codecs.strings())).isNull();
        assertThat(SchemaOptions.writer(ConnectorUri.parse("x:y?schema=a:1"), Codecs.strings())).isEqualTo(SchemaId.of("a", 1));
        assertThatThrownBy(() -> SchemaOptions.reader(ConnectorUri.parse("x:y?schema=order:2"), v2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("differs from the job's click:2");
        assertThatThrownBy(() -> SchemaOptions.reader(ConnectorUri.parse("x:y?schema=click"), Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("write name:version");
        assertThatThrownBy(() -> SchemaOptions.reader(ConnectorUri.parse("x:y?schema=a:1&compat=sideways"), Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("backward, forward, full or none");
    }
}
