package io.sluice.connectors.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.api.function.MapFn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redaction of sensitive fields in JSON events, so a job can publish events without leaking them:
 *
 * <pre>{@code
 * p.source(params.source("source", Codecs.json(Person.class)))
 *  .map(Masking.fields("emailAddress", "creditCard"))
 *  .sink(params.sink("sink", Codecs.json(Person.class)));
 * }</pre>
 *
 * or, for the {@code copy} job, {@code -p mask=emailAddress,creditCard}.
 *
 * <p><b>What is masked.</b> Every field with one of the given names, at any depth (in nested objects and in
 * objects inside arrays): a string value becomes {@value #MASK} (always the same, so its length does not leak
 * either); any other value (a number, an object, an array) becomes {@code null} (or 0/false in a Java field of
 * a primitive type). Other fields are unchanged; the input is never modified, a masked copy is returned.
 *
 * <p><b>Which records.</b> Jackson {@link JsonNode}s, {@link Map}s (nested maps and lists too), strings holding a
 * JSON value (the {@code copy} job's records; a string that is not JSON fails the job rather than pass through
 * unmasked), and any record or POJO that Jackson maps (converted to a tree, masked, converted back).
 *
 * <p>The functions are stateless and thread-safe.
 */
public final class Masking {

    /** What a masked string becomes. */
    public static final String MASK = "***";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Masking() {
    }

    /** A map function that masks {@code names} in any supported record; use as {@code stream.map(Masking.fields(..))}. */
    @SuppressWarnings("unchecked")
    public static <T> MapFn<T, T> fields(String... names) {
        Set<String> fields = checked(names);
        return record -> (T) mask(record, fields);
    }

    /** Masks {@code names} in JSON text: parses it, masks, writes it back (compact). */
    public static MapFn<String, String> jsonText(String... names) {
        Set<String> fields = checked(names);
        return text -> maskText(text, fields);
    }

    private static Set<String> checked(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one field to mask");
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("a field to mask has no name");
            }
        }
        return Set.of(names);
    }

    private static Object mask(Object record, Set<String> fields) throws IOException {
        if (record instanceof JsonNode node) {
            return maskNode(node.deepCopy(), fields);
        } else if (record instanceof String text) {
            return maskText(text, fields);
        } else if (record instanceof Map<?, ?> map) {
            return maskMap(map, fields);
        }
        JsonNode tree = maskNode(MAPPER.valueToTree(record), fields);
        return MAPPER.treeToValue(tree, record.getClass());
    }

    private static String maskText(String text, Set<String> fields) throws IOException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("cannot mask a record that is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IOException("cannot mask an empty record");
        }
        return MAPPER.writeValueAsString(maskNode(tree, fields));
    }

    /** Masks in place and returns {@code node}. */
    private static JsonNode maskNode(JsonNode node, Set<String> fields) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            List<String> hits = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (fields.contains(e.getKey())) {
                    hits.add(e.getKey());
                } else {
                    maskNode(e.getValue(), fields);
                }
            }
            for (String name : hits) {
                object.set(name, object.get(name).isTextual() ? JsonNodeFactory.instance.textNode(MASK)
                        : JsonNodeFactory.instance.nullNode());
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                maskNode(element, fields);
            }
        }
        return node;
    }

    private static Map<Object, Object> maskMap(Map<?, ?> map, Set<String> fields) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (e.getKey() instanceof String name && fields.contains(name)) {
                copy.put(name, v instanceof CharSequence ? MASK : null);
            } else {
                copy.put(e.getKey(), maskValue(v, fields));
            }
        }
        return copy;
    }

    private static Object maskValue(Object v, Set<String> fields) {
        if (v instanceof Map<?, ?> m) {
            return maskMap(m, fields);
        } else if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(maskValue(element, fields));
            }
            return copy;
        }
        return v;
    }
}
