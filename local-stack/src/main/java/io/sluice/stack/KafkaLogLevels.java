package io.sluice.stack;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the embedded broker's own loggers down to WARN when Log4j 2 is the logging backend.
 *
 * <p>An in-process broker logs hundreds of INFO lines at start-up (config dumps, partition
 * loading, controller elections) into the host's console, burying the output of the CLI or the
 * test. This module must not bring a logging backend of its own, so Log4j's {@code Configurator}
 * is reached by reflection and nothing happens under any other backend. Broker-side logger names
 * are touched, plus one shared with the clients: {@code AbstractConfig}, which prints every
 * KafkaConfig (three times per start, ~300 lines each) and, in the host, every client's config.
 * Set the system property {@value #LEVEL_PROPERTY} (e.g. {@code INFO}) to see them all again.
 */
final class KafkaLogLevels {

    static final String LEVEL_PROPERTY = "sluice.stack.kafka.log.level";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLogLevels.class);

    /** Logger prefixes; {@code kafka} covers the Scala broker. */
    private static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "org.apache.kafka.common.config.AbstractConfig",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    private KafkaLogLevels() {}

    static void quietBrokerLoggers() {
        String level = System.getProperty(LEVEL_PROPERTY, "WARN");
        String backend = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!backend.startsWith("org.apache.logging.")) {
            return;
        }
        try {
            Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
            Object log4jLevel = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            Method setLevel = Class.forName("org.apache.logging.log4j.core.config.Configurator")
                    .getMethod("setLevel", String.class, levelClass);
            for (String logger : BROKER_LOGGERS) {
                setLevel.invoke(null, logger, log4jLevel);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // Noisy logs are a nuisance, not a failure: carry on with the host's levels.
            LOG.debug("Could not set the embedded broker's log levels through Log4j: {}", e.toString());
        }
    }
}
