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

    private DeadLetters() {}

    /** The dead letter for {@code input}, which failed at {@code stage} with {@code error}. */
    public static KafkaOutput of(KafkaInput input, String deadletterTopic, String stage, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return of(input, deadletterTopic, stage, error.getClass().getName(), message);
    }

    public static KafkaOutput of(KafkaInput input, String deadletterTopic, String stage, String exceptionClass,
            String message) {
        return new KafkaOutput(deadletterTopic, input.key, input.value, input.timestamp)
                .withHeader(TOPIC, input.topic)
                .withHeader(PARTITION, Integer.toString(input.partition))
                .withHeader(OFFSET, Long.toString(input.offset))
                .withHeader(STAGE, stage)
                .withHeader(EXCEPTION_CLASS, exceptionClass)
                .withHeader(MESSAGE, message);
    }
}
