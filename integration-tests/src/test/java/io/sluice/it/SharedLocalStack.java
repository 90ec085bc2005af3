package io.sluice.it;

import io.sluice.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded broker and registry for the whole integration-test JVM: they take seconds to start
 * and every test class isolates itself with its own topic names, so sharing them keeps the suite
 * fast without coupling tests. Closed by a shutdown hook.
 */
public final class SharedLocalStack {
    private static LocalStack stack;

    private SharedLocalStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            try {
                stack = LocalStack.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded Kafka broker and registry", e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "close-shared-local-stack"));
        }
        return stack;
    }
}
