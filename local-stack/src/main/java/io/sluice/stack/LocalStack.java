package io.sluice.stack;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Sluice needs around it on one machine, without Docker: an embedded Kafka broker
 * (in this JVM) and a Confluent-compatible schema registry (a child JVM), both on loopback.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start()) {
 *     run(stack.bootstrapServers(), stack.registryUrl());
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryServer registry;

    private LocalStack(EmbeddedKafkaBroker broker, ApicurioRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * Starts the broker (temporary data directory) and the registry side by side and returns once
     * both serve requests. If either fails, the other is stopped before the exception propagates.
     */
    public static LocalStack start() throws IOException {
        long startNanos = System.nanoTime();
        // The registry mostly waits for its own JVM to boot, so that wait overlaps the broker's
        // start-up on this thread rather than adding to it.
        CompletableFuture<ApicurioRegistryServer> registry = new CompletableFuture<>();
        Thread registryStarter = new Thread(() -> {
            try {
                registry.complete(ApicurioRegistryServer.start());
            } catch (Throwable e) {
                registry.completeExceptionally(e);
            }
        }, "sluice-registry-start");
        registryStarter.setDaemon(true);
        registryStarter.start();

        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(null);
        } catch (IOException | RuntimeException e) {
            // Wait for the registry rather than abandon it: its process must not outlive this call.
            try {
                registry.join().close();
            } catch (CompletionException | CancellationException registryFailedToo) {
                e.addSuppressed(registryFailedToo.getCause() == null ? registryFailedToo
                        : registryFailedToo.getCause());
            }
            throw e;
        }
        try {
            LocalStack stack = new LocalStack(broker, registry.join());
            LOG.info("Local stack ready after {} ms: Kafka {}, schema registry {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    stack.bootstrapServers(), stack.registryUrl());
            return stack;
        } catch (CompletionException | CancellationException e) {
            broker.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("The schema registry did not start: " + cause, cause);
        }
    }

    /** The Kafka broker. */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** The schema registry. */
    public ApicurioRegistryServer registry() {
        return registry;
    }

    /** The broker's address, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The registry's Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String registryUrl() {
        return registry.confluentApiUrl();
    }

    /** Stops the registry and the broker; each is stopped even if the other fails to stop. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
