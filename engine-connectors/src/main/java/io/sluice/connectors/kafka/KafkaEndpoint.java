package io.sluice.connectors.kafka;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker list and topic of a {@code kafka://host:port[,host:port]/topic} URI, and the client properties
 * passed through with {@code kafka.<property>=value} parameters (e.g. {@code kafka.security.protocol=SSL}).
 * Immutable.
 *
 * @param bootstrap   {@code host:port,host:port}
 * @param topic       the topic
 * @param clientProps client properties from {@code kafka.*} parameters, applied last
 */
record KafkaEndpoint(String bootstrap, String topic, Map<String, String> clientProps) {

    static final String CLIENT_PREFIX = "kafka.";

    KafkaEndpoint {
        clientProps = Collections.unmodifiableMap(new LinkedHashMap<>(clientProps));
    }

    /** Parses the body of a {@code kafka:} URI and checks that it has only {@code known} or {@code kafka.*} parameters. */
    static KafkaEndpoint parse(ConnectorUri uri, String... known) {
        String body = uri.body();
        if (!body.startsWith("//")) {
            throw bad(uri, "write kafka://host:port/topic");
        }
        int slash = body.indexOf('/', 2);
        if (slash < 0 || slash == body.length() - 1) {
            throw bad(uri, "no topic (write kafka://host:port/topic)");
        }
        String hosts = body.substring(2, slash);
        String topic = body.substring(slash + 1);
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw bad(uri, "'" + topic + "' is not a valid topic name (letters, digits, '.', '_', '-')");
        }
        List<String> servers = new ArrayList<>();
        for (String h : hosts.split(",")) {
            int colon = h.lastIndexOf(':');
            if (colon <= 0 || !h.substring(colon + 1).matches("\\d{1,5}")) {
                throw bad(uri, "'" + h + "' is not host:port");
            }
            servers.add(h);
        }
        Set<String> allowed = Set.of(known);
        Set<String> unknown = new TreeSet<>();
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : uri.params().entrySet()) {
            if (e.getKey().startsWith(CLIENT_PREFIX) && e.getKey().length() > CLIENT_PREFIX.length()) {
                props.put(e.getKey().substring(CLIENT_PREFIX.length()), e.getValue());
            } else if (!allowed.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw bad(uri, "unknown parameter(s) " + unknown + "; known: " + new TreeSet<>(allowed) + " and kafka.<client property>");
        }
        return new KafkaEndpoint(String.join(",", servers), topic, props);
    }

    static BadInputException bad(ConnectorUri uri, String reason) {
        return new BadInputException("connector URI '" + uri + "': " + reason);
    }
}
