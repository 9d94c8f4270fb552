package io.inlet.actions.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A function behind an HTTP(S) URL (embedded backend): the event is POSTed as JSON and the
 * response body is the function's result. Also for Event the answer is awaited: Inlet has no
 * durable queue of its own for events, so an event counts as accepted only once the function
 * answered 2xx.
 */
final class HttpFunctionClient {

    /** Same header as the Lambda API, so one handler can serve both invocation types. */
    static final String INVOCATION_TYPE_HEADER = "X-Amz-Invocation-Type";

    private final HttpClient client;
    private final Duration timeout;

    HttpFunctionClient(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1: no h2c upgrade attempt, which small function servers tend to mishandle
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @return the response body (the function's result) */
    String post(URI url, String functionArn, InvocationType type, String eventJson) throws FunctionInvocationException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(INVOCATION_TYPE_HEADER, type.wire())
                .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
                .build();
        // The request timeout only covers the wait for the headers: bound the whole exchange instead.
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(url, functionArn, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(url, functionArn, e.getCause());
            }
            throw new FunctionInvocationException(functionArn, "POST " + url + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException(functionArn, "interrupted while calling " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FunctionInvocationException(functionArn, url + " answered HTTP " + response.statusCode()
                    + " " + FunctionInvocationException.excerpt(response.body(), 200));
        }
        return response.body();
    }

    private FunctionInvocationException timedOut(URI url, String functionArn, Throwable cause) {
        return new FunctionInvocationException(functionArn, "no answer from " + url + " within " + timeout, cause);
    }
}
