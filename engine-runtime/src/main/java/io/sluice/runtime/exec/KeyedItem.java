package io.sluice.runtime.exec;

/**
 * A timestamped record crossing a hash-partitioned queue, with the key and key group the producer computed to
 * route it: the consumer's keyed head gets them through {@link io.sluice.runtime.op.Operator#processKeyed} and
 * neither calls the key function nor hashes the key again. The routing already needs the key, and a timestamped
 * record crosses in a wrapper anyway, so carrying them costs two fields, not an allocation.
 */
final class KeyedItem extends Envelope {

    final Object item;
    final long timestamp;
    final Object key;
    final int keyGroup;

    KeyedItem(Object item, long timestamp, Object key, int keyGroup) {
        this.item = item;
        this.timestamp = timestamp;
        this.key = key;
        this.keyGroup = keyGroup;
    }

    @Override
    public String toString() {
        return item + "@" + timestamp + " key " + key;
    }
}
