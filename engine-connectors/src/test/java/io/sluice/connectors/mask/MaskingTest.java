package io.sluice.connectors.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.Pipeline;
import io.sluice.connectors.nexmark.Person;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {

    static final String PERSON = "{\"type\":\"person\",\"id\":7,\"name\":\"Ann\",\"emailAddress\":\"ann@example.com\","
            + "\"creditCard\":\"4111 1111 1111 1111\",\"city\":\"Bend\",\"state\":\"OR\",\"dateTime\":1,\"extra\":\"\"}";

    @Test
    void masksNamedFieldsAtAnyDepthInJsonText() throws Exception {
        String masked = Masking.jsonText("emailAddress", "creditCard").apply(
                "{\"emailAddress\":\"a@b.c\",\"nested\":{\"creditCard\":1234,\"keep\":1},"
                        + "\"list\":[{\"emailAddress\":\"x@y.z\"}],\"name\":\"n\"}");
        assertThat(masked).isEqualTo("{\"emailAddress\":\"***\",\"nested\":{\"creditCard\":null,\"keep\":1},"
                + "\"list\":[{\"emailAddress\":\"***\"}],\"name\":\"n\"}");
        assertThatThrownBy(() -> Masking.jsonText("x").apply("not json"))
                .hasMessageStartingWith("cannot mask a record that is not JSON");
    }

    @Test
    void masksTreesMapsAndRecordsWithoutChangingTheInput() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(PERSON);
        JsonNode maskedTree = Masking.<JsonNode>fields("emailAddress", "creditCard").apply(tree);
        assertThat(maskedTree.get("emailAddress").asText()).isEqualTo("***");
        assertThat(tree.get("emailAddress").asText()).isEqualTo("ann@example.com");

        Map<String, Object> map = Map.of("creditCard", "4111", "inner", Map.of("emailAddress", "e"), "id", 3);
        Map<String, Object> maskedMap = Masking.<Map<String, Object>>fields("emailAddress", "creditCard").apply(map);
        assertThat(maskedMap).containsEntry("creditCard", "***").containsEntry("id", 3)
                .containsEntry("inner", Map.of("emailAddress", "***"));

        Person person = new ObjectMapper().readValue(PERSON, Person.class);
        Person masked = Masking.<Person>fields("emailAddress", "creditCard").apply(person);
        assertThat(masked.emailAddress()).isEqualTo("***");
        assertThat(masked.creditCard()).isEqualTo("***");
        assertThat(masked.name()).isEqualTo("Ann");
    }

    @Test
    void worksAsAPipelineStage() throws Exception {
        CollectingSink<String> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(PERSON)).map(Masking.<String>fields("emailAddress", "creditCard")).sink(sink);
        PipelineTestDriver.create().run(p);
        assertThat(sink.items()).hasSize(1);
        assertThat(sink.items().get(0)).contains("\"emailAddress\":\"***\"", "\"creditCard\":\"***\"", "\"name\":\"Ann\"")
                .doesNotContain("ann@example.com", "4111");
        assertThat(List.of(sink.items().get(0))).noneMatch(s -> s.contains("example"));
    }
}
