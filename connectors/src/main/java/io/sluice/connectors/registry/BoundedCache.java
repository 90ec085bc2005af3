package io.sluice.connectors.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe least-recently-used map with a size limit. Registry entries never change once
 * assigned, so there is no expiry, only a bound that keeps a job reading many schema versions from
 * growing without limit. One lock is enough: a hit costs far less than the decode it precedes.
 */
final class BoundedCache<K, V> {
    private final Map<K, V> map;

    BoundedCache(int maxSize) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }

    synchronized void clear() {
        map.clear();
    }
}
