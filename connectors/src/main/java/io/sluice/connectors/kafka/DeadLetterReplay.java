package io.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the input topics they came from, once their cause is fixed: a size
 * limit raised, a registry address corrected, a cluster cleaned of a conflicting jar. Each replayed
 * record is the original key and value bytes, to the original partition with the original timestamp,
 * plus a {@value #REPLAYED_FROM} header naming the dead letter.
 *
 * <p>Exactly once: the records of each poll are written in one transaction together with the
 * consumer group's progress through the dead-letter topic, so a replay that is interrupted, or run
 * again, resumes after what it already sent. Each selection of stages has a group of its own (see
 * {@link #defaultGroup}), so replaying one stage does not pass over the dead letters of another.
 * Records still failing come back to the dead-letter topic as new dead letters.
 *
 * <p>Not replayed: dead letters of other stages than those selected, those naming a topic that is not
 * one of the job's inputs (nothing but the job's inputs is written), and those whose value was too
 * large to be kept (header {@value DeadLetters#VALUE_DROPPED}, or no value): their original is still
 * at the input coordinates their headers name.
 */
public final class DeadLetterReplay {
    /** The header a replayed record carries: {@code <dead-letter topic>/<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "__sluice.replayed.from";

    /** What happens to one dead letter. */
    public enum Verdict {
        REPLAYED, OTHER_STAGE, NOT_AN_INPUT_TOPIC, VALUE_NOT_KEPT, NOT_A_DEAD_LETTER
    }

    /** Counts per verdict, and per input topic for the replayed ones. */
    public record Summary(Map<Verdict, Long> byVerdict, Map<String, Long> replayedByTopic,
            Map<String, Long> selectedByStage) {}

    private final Set<String> stages;
    private final Set<String> inputTopics;

    /**
     * @param stages      the stages to replay ({@code size}, {@code schema-lookup}, {@code normalize}, …);
     *                    empty for every stage
     * @param inputTopics the job's input topics, the only topics written to
     */
    public DeadLetterReplay(Set<String> stages, Set<String> inputTopics) {
        this.stages = Set.copyOf(stages);
        this.inputTopics = Set.copyOf(inputTopics);
    }

    /** The consumer group that keeps a replay's progress: one per selection of stages. */
    public static String defaultGroup(Set<String> stages) {
        return "sluice-deadletter-replay" + (stages.isEmpty() ? "" : "." + stages.stream().sorted()
                .collect(Collectors.joining("+")));
    }

    /** What {@link #run} does with {@code deadLetter}. */
    public Verdict verdict(ConsumerRecord<byte[], byte[]> deadLetter) {
        String topic = header(deadLetter, DeadLetters.TOPIC);
        String stage = header(deadLetter, DeadLetters.STAGE);
        if (topic == null || stage == null || partition(deadLetter) < 0) {
            return Verdict.NOT_A_DEAD_LETTER;
        }
        if (!stages.isEmpty() && !stages.contains(stage)) {
            return Verdict.OTHER_STAGE;
        }
        if (!inputTopics.contains(topic)) {
            return Verdict.NOT_AN_INPUT_TOPIC;
        }
        if (header(deadLetter, DeadLetters.VALUE_DROPPED) != null || header(deadLetter, DeadLetters.KEY_DROPPED) != null
                || deadLetter.value() == null || deadLetter.value().length == 0) {
            return Verdict.VALUE_NOT_KEPT;
        }
        return Verdict.REPLAYED;
    }

    /** The record that replays {@code deadLetter} (whose verdict is {@link Verdict#REPLAYED}). */
    public static ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> deadLetter) {
        ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(header(deadLetter, DeadLetters.TOPIC),
                partition(deadLetter), deadLetter.timestamp(), deadLetter.key(), deadLetter.value());
        replay.headers().add(REPLAYED_FROM, (deadLetter.topic() + "/" + deadLetter.partition() + "@" + deadLetter.offset())
                .getBytes(StandardCharsets.UTF_8));
        return replay;
    }

    /**
     * Reads {@code deadLetterTopic} up to its end as of now, from {@code group}'s progress (or the start,
     * when {@code fromBeginning} or the group has none), and replays what {@link #verdict} selects;
     * with {@code dryRun} only counts, writing and committing nothing.
     *
     * @throws IllegalArgumentException when {@code deadLetterTopic} does not exist
     */
    public Summary run(KafkaSettings kafka, String deadLetterTopic, String group, boolean fromBeginning, boolean dryRun,
            Duration timeout) {
        Properties consumerProps = kafka.baseProperties();
        consumerProps.put("group.id", group);
        consumerProps.put("enable.auto.commit", "false");
        consumerProps.put("isolation.level", "read_committed");
        consumerProps.put("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        // Looking must not create it: a misspelt topics.deadletter would otherwise become an empty topic.
        consumerProps.put("allow.auto.create.topics", "false");
        Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        Map<String, Long> byTopic = new TreeMap<>();
        Map<String, Long> byStage = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = dryRun ? null : transactionalProducer(kafka, group)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(deadLetterTopic, timeout).forEach(p -> partitions.add(new TopicPartition(deadLetterTopic, p.partition())));
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("there is no topic " + deadLetterTopic + " on " + kafka.bootstrapServers());
            }
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = fromBeginning ? Map.of() : consumer.committed(Set.copyOf(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            if (producer != null) {
                producer.initTransactions();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, ends)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + deadLetterTopic + " to its end within " + timeout);
                    }
                    continue;
                }
                deadline = System.nanoTime() + timeout.toNanos();
                if (producer != null) {
                    producer.beginTransaction();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Verdict verdict = verdict(r);
                    byVerdict.merge(verdict, 1L, Long::sum);
                    if (verdict == Verdict.REPLAYED) {
                        byTopic.merge(header(r, DeadLetters.TOPIC), 1L, Long::sum);
                        byStage.merge(header(r, DeadLetters.STAGE), 1L, Long::sum);
                        if (producer != null) {
                            producer.send(replayOf(r));
                        }
                    }
                }
                if (producer != null) {
                    Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                    for (TopicPartition tp : records.partitions()) {
                        progress.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                    }
                    producer.sendOffsetsToTransaction(progress, new ConsumerGroupMetadata(group));
                    producer.commitTransaction();
                }
            }
        }
        return new Summary(byVerdict, byTopic, byStage);
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(KafkaSettings kafka, String group) {
        Properties props = kafka.baseProperties();
        // One replay of a selection at a time: a second one started alongside fences the first.
        props.put("transactional.id", group);
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static int partition(ConsumerRecord<byte[], byte[]> deadLetter) {
        String value = header(deadLetter, DeadLetters.PARTITION);
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
