package io.sluice.api.transform;

import io.sluice.api.function.KeyFn;
import java.time.Duration;
import java.util.Objects;

/**
 * The function record of a {@link Transform.Kind#DEDUPE}: the id of a record and how long (in event time)
 * an id is remembered. See {@link io.sluice.api.Stream#dedupe} for the exact rule.
 *
 * @param idFn extracts the id; records are partitioned by it
 * @param ttl  positive
 */
public record Deduplication(KeyFn<Object, Object> idFn, Duration ttl) implements KeyedFunction {

    public Deduplication {
        Objects.requireNonNull(idFn, "idFn");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the dedupe time-to-live must be positive: " + ttl);
        }
    }

    @Override
    public KeyFn<Object, Object> keyFn(int input) {
        return idFn;
    }
}
