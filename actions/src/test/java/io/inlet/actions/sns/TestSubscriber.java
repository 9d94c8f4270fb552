package io.inlet.actions.sns;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP subscriber endpoint on 127.0.0.1 (the JDK's server): records every request and answers
 * with the queued status codes, then 200.
 */
public final class TestSubscriber implements AutoCloseable {

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst().orElse(null);
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    private TestSubscriber(HttpServer server) {
        this.server = server;
    }

    public static TestSubscriber start(Integer... firstStatuses) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestSubscriber subscriber = new TestSubscriber(server);
        subscriber.statuses.addAll(List.of(firstStatuses));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
                subscriber.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            }
            Integer status = subscriber.statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        return subscriber;
    }

    /** Queues {@code times} answers of {@code status}, given before the default 200. */
    public void answer(int status, int times) {
        for (int i = 0; i < times; i++) {
            statuses.add(status);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
