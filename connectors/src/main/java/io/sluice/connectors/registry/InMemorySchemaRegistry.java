package io.sluice.connectors.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A schema registry inside the JVM, <b>for unit tests only</b>: nothing is persisted or shared
 * between processes. It follows the Confluent rules that serde code depends on: ids start at 1, an
 * identical schema gets the same id under every subject, re-registering returns the existing id,
 * and registration is checked against the subject's compatibility level (BACKWARD by default, as in
 * Confluent) with Avro's own {@link SchemaCompatibility}. An unknown id fails like the real server:
 * HTTP 404, error code 40403. ITCases use a real registry instead.
 *
 * <p>Thread-safe (every method is synchronized) so it can back a Flink MiniCluster test as well.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, String> levelBySubject = new HashMap<>();
    private String globalLevel = "BACKWARD";
    private int nextId = 1;
    private int requests;

    @Override
    public synchronized int register(String subject, Schema schema) {
        requests++;
        String text = schema.toString();
        Integer existing = idsBySchemaText.get(text);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        String incompatibility = incompatibility(subject, schema);
        if (incompatibility != null) {
            throw new SchemaRegistryException("schema " + schema.getFullName() + " is not compatible with the latest"
                    + " version of subject '" + subject + "' under compatibility " + level(subject) + ": "
                    + incompatibility, 409, 409);
        }
        int id = existing != null ? existing : nextId++;
        idsBySchemaText.put(text, id);
        schemasById.put(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        requests++;
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema id " + id + " is not in the in-memory registry: the producer used"
                    + " another registry, or it was never registered", 404, 40403);
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        requests++;
        return incompatibility(subject, schema) == null;
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        requests++;
        String normalized = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!RestSchemaRegistryClient.COMPATIBILITY_LEVELS.contains(normalized)) {
            throw new IllegalArgumentException("unknown compatibility level '" + level + "'; use one of "
                    + new TreeSet<>(RestSchemaRegistryClient.COMPATIBILITY_LEVELS));
        }
        if (subject == null) {
            globalLevel = normalized;
        } else {
            levelBySubject.put(subject, normalized);
        }
    }

    /** Calls made so far, so tests can show that a caller caches instead of asking again. */
    public synchronized int requestCount() {
        return requests;
    }

    /** The ids registered under {@code subject}, oldest first (empty when the subject is unknown). */
    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    private String level(String subject) {
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    /** Why {@code candidate} may not join {@code subject}, or null when it may. */
    private String incompatibility(String subject, Schema candidate) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return null;
        }
        String level = level(subject);
        if (level.equals("NONE")) {
            return null;
        }
        List<Integer> against = level.endsWith("_TRANSITIVE") ? versions : List.of(versions.get(versions.size() - 1));
        boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
        boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
        for (int id : against) {
            Schema old = schemasById.get(id);
            // BACKWARD: consumers on the new schema can read old data, so new is the reader.
            if (backward) {
                String problem = check(candidate, old);
                if (problem != null) {
                    return "new schema cannot read data written with id " + id + ": " + problem;
                }
            }
            if (forward) {
                String problem = check(old, candidate);
                if (problem != null) {
                    return "schema id " + id + " cannot read data written with the new schema: " + problem;
                }
            }
        }
        return null;
    }

    private static String check(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().toString();
    }
}
