package io.inlet.actions;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 standing in for a function (embedded backend) or for the Lambda
 * API (aws backend): it records every request as received and answers with the configured reply.
 * {@link #hold()} and {@link #stallBody()} keep answers back until {@link #close()}, to provoke timeouts.
 */
final class LambdaTestEndpoint implements AutoCloseable {

    record Request(String method, String rawPath, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, Map<String, String> headers, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Reply reply = new Reply(200, Map.of(), "");
    private volatile boolean holding;
    private volatile boolean stallingBody;

    LambdaTestEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answer every request with this status, body and headers (name, value, name, value, ...). */
    LambdaTestEndpoint reply(int status, String body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        reply = new Reply(status, headers, body);
        return this;
    }

    /** Keep every answer back until close(). */
    LambdaTestEndpoint hold() {
        holding = true;
        return this;
    }

    /** Send the status line and headers at once, but keep the body back until close(). */
    LambdaTestEndpoint stallBody() {
        stallingBody = true;
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), body));
            if (holding) {
                released.await(1, TimeUnit.MINUTES);
            }
            Reply current = reply;
            current.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    if (stallingBody) {
                        out.flush();
                        released.await(1, TimeUnit.MINUTES);
                    }
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
