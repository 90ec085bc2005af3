package io.sluice.connectors.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A JDK HTTP server on 127.0.0.1 that answers with canned responses in order and records every
 * request, so tests can assert on what the client sent and how often. Answers 599 when it runs out,
 * which makes a missing canned response fail loudly.
 */
final class FakeRegistryServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, String pathAndQuery, String contentType, String authorization, String body) {}

    private record Canned(int status, String body) {}

    private final HttpServer server;
    private final Deque<Canned> responses = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    FakeRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Base url with a path prefix, as Apicurio's Confluent API has. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    synchronized FakeRegistryServer respond(int status, String body) {
        responses.add(new Canned(status, body));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Canned canned;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            canned = responses.isEmpty() ? new Canned(599, "{\"message\":\"no canned response left\"}")
                    : responses.poll();
        }
        byte[] body = canned.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(canned.status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
