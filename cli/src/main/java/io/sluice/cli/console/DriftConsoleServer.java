package io.sluice.cli.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the drift console: {@code /} the page, {@code /api/state} the {@link DriftConsole} as JSON.
 * The JDK's own HTTP server: two read-only routes need nothing more.
 */
public final class DriftConsoleServer implements AutoCloseable {
    private final HttpServer server;

    public DriftConsoleServer(DriftConsole console, String host, int port) throws IOException {
        byte[] page;
        try (InputStream in = DriftConsoleServer.class.getResourceAsStream("/console/index.html")) {
            if (in == null) {
                throw new IOException("console/index.html is missing from the classpath");
            }
            page = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/api/state", exchange ->
                respond(exchange, "application/json", console.stateJson().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(exchange, "text/html; charset=utf-8", page);
            }
        });
        server.start();
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        respond(exchange, 200, type, body);
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
