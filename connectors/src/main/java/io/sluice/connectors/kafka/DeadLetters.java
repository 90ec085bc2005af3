package io.sluice.connectors.kafka;

/**
 * Dead-letter records in the style of Kafka Connect's error headers: the original key and value
 * bytes untouched, plus headers saying where the record came from and why it failed, so an
 * operator can replay it once the cause is fixed.
 */
public final class DeadLetters {
    public static final String HEADER_PREFIX = "__sluice.errors.";
    public static final String TOPIC = HEADER_PREFIX + "topic";
    public static final String PARTITION = HEADER_PREFIX + "partition";
    public static final String OFFSET = HEADER_PREFIX + "offset";
    public static final String STAGE = HEADER_PREFIX + "stage";
    public static final String EXCEPTION_CLASS = HEADER_PREFIX + "exception.class";
    public static final String MESSAGE = HEADER_PREFIX + "message";
    /**
     * Set when the original value was too large to be written again (more than the producer's
     * {@code max.request.size}): the value is then empty, this header gives its size, and the
     * record is still at its input topic, partition and offset.
     */
    public static final String VALUE_DROPPED = HEADER_PREFIX + "value.dropped.bytes";
    /** Set, with the key's size, when even without its value the dead letter was too large: a key that big. */
    public static final String KEY_DROPPED = HEADER_PREFIX + "key.dropped.bytes";

    private DeadLetters() {}

    /** The dead letter for {@code input}, which failed at {@code stage} with {@code error}. */
    public static KafkaOutput of(KafkaInput input, String deadletterTopic, String stage, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return of(input, deadletterTopic, stage, error.getClass().getName(), message);
    }

    public static KafkaOutput of(KafkaInput input, String deadletterTopic, String stage, String exceptionClass,
            String message) {
        return of(deadletterTopic, input.key, input.value, input.timestamp, input.topic, input.partition, input.offset,
                stage, exceptionClass, message);
    }

    /** The dead letter for the input record at {@code topic}/{@code partition}/{@code offset}, with this key and value. */
    public static KafkaOutput of(String deadletterTopic, byte[] key, byte[] value, long timestamp, String topic,
            int partition, long offset, String stage, String exceptionClass, String message) {
        return new KafkaOutput(deadletterTopic, key, value, timestamp)
                .withHeader(TOPIC, topic)
                .withHeader(PARTITION, Integer.toString(partition))
                .withHeader(OFFSET, Long.toString(offset))
                .withHeader(STAGE, stage)
                .withHeader(EXCEPTION_CLASS, exceptionClass)
                .withHeader(MESSAGE, message);
    }

    /**
     * {@code deadLetter} itself if the producer can send it, else the same dead letter without its
     * value ({@link #VALUE_DROPPED}) and, if that is not enough, without its key
     * ({@link #KEY_DROPPED}): an input larger than {@code max.request.size} (its topic allowed it)
     * cannot be copied to the dead-letter topic, and trying would fail the job on every restart.
     * Its headers still say where the original is.
     */
    public static KafkaOutput fitted(KafkaOutput deadLetter, int maxRequestBytes) {
        if (deadLetter.sizeUpperBound() <= maxRequestBytes) {
            return deadLetter;
        }
        if (deadLetter.value != null && deadLetter.value.length > 0) {
            int dropped = deadLetter.value.length;
            deadLetter.value = new byte[0];
            deadLetter.withHeader(VALUE_DROPPED, Integer.toString(dropped));
        }
        if (deadLetter.key != null && deadLetter.sizeUpperBound() > maxRequestBytes) {
            int dropped = deadLetter.key.length;
            deadLetter.key = null;
            deadLetter.withHeader(KEY_DROPPED, Integer.toString(dropped));
        }
        return deadLetter;
    }
}
