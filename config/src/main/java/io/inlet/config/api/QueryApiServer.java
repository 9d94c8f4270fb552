package io.inlet.config.api;

import io.inlet.config.store.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SES v1 Query API over HTTP: {@code POST /} with a form body, or {@code GET /} with a query
 * string. Every answer, including routing failures, is an SES XML document: SDKs cannot parse
 * HTML error pages. Other components may mount further routes on {@link #router()}.
 */
public final class QueryApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(QueryApiServer.class);
    /** GET requests carry a whole rule in the request line; Netty's 4 KB default is too small. */
    private static final int MAX_REQUEST_LINE = 64 * 1024;

    private final Vertx vertx;
    private final ApiServerSettings settings;
    private final QueryApiDispatcher dispatcher;
    private final RequestAuthenticator authenticator;
    private final Router router;
    private final ApiMetrics metrics;
    private HttpServer server;

    public QueryApiServer(Vertx vertx, ApiServerSettings settings, CredentialsRegistry credentials,
                          Map<String, ApiOperation> operations, Clock clock) {
        this(vertx, settings, credentials, operations, clock, new SimpleMeterRegistry());
    }

    /** @param registry where {@code inlet.api.requests} goes ({@link ApiMetrics}) */
    public QueryApiServer(Vertx vertx, ApiServerSettings settings, CredentialsRegistry credentials,
                          Map<String, ApiOperation> operations, Clock clock, MeterRegistry registry) {
        this.vertx = vertx;
        this.metrics = new ApiMetrics(registry, operations.keySet());
        this.settings = settings;
        this.authenticator = RequestAuthenticator.create(credentials, settings, clock);
        this.dispatcher = new QueryApiDispatcher(authenticator, operations);
        this.router = Router.router(vertx);
        BoundedBodyHandler body = new BoundedBodyHandler(settings.maxBodyBytes());
        router.post("/").handler(body).handler(this::handleApi);
        router.get("/").handler(body).handler(this::handleApi);
        installErrorHandlers();
    }

    /** The router serving the API, for mounting more routes (metrics, health) on the same port. */
    public Router router() {
        return router;
    }

    /**
     * Mounts an authenticated JSON endpoint (see {@link JsonRoute}); {@code path} may hold
     * {@code :name} parameters. Runs off the event loop, like the Query API operations.
     */
    public void mountJson(io.vertx.core.http.HttpMethod method, String path, JsonRoute route) {
        BoundedBodyHandler body = new BoundedBodyHandler(settings.maxBodyBytes());
        router.route(method, path).handler(body).handler(ctx -> {
            RawHttpRequest request = toRaw(ctx);
            Map<String, String> query = new LinkedHashMap<>();
            ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            Map<String, String> pathParams = Map.copyOf(ctx.pathParams());
            vertx.executeBlocking(() -> {
                try {
                    Scope scope = authenticator.authenticate(request, query);
                    return route.handle(new JsonRoute.Request(scope, pathParams, query, request.body()));
                } catch (SesException e) {
                    return JsonRoute.Reply.json(e.httpStatus(), JsonErrors.body(e.code(), e.getMessage()));
                }
            }, false).recover(error -> {
                LOG.error("{} {} failed unexpectedly", method, path, error);
                return Future.succeededFuture(JsonRoute.Reply.json(500,
                        JsonErrors.body("InternalFailure", "The request processing has failed.")));
            }).onSuccess(reply -> sendJsonRoute(ctx, reply));
        });
    }

    private static void sendJsonRoute(RoutingContext ctx, JsonRoute.Reply reply) {
        HttpServerResponse http = ctx.response();
        if (http.ended() || http.closed()) {
            closeQuietly(reply.file());
            return;
        }
        http.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType());
        if (reply.file() == null) {
            http.end(Buffer.buffer(reply.body()));
            return;
        }
        FileChannel file = reply.file();
        try {
            long position = file.position();
            long length = reply.fileLength() >= 0 ? reply.fileLength() : file.size() - position;
            // Vert.x does not close a channel it was handed: close it once the send is over
            http.sendFile(file, position, length).onComplete(done -> closeQuietly(file));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot stream {} {}", ctx.request().method(), ctx.request().path(), e);
            closeQuietly(file);
            http.setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end(JsonErrors.body("InternalFailure", "The request processing has failed."));
        }
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("cannot close a streamed file", e);
            }
        }
    }

    /**
     * Binds and blocks until listening. Call from a non-Vert.x thread.
     *
     * @return the port actually bound
     */
    public synchronized int start() {
        if (server != null) {
            throw new IllegalStateException("Already started");
        }
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                // SigV4 signs the Host header; an h2c upgrade would turn it into :authority and
                // break every signature, and no SDK needs HTTP/2 for this API
                .setHttp2ClearTextEnabled(false);
        HttpServer created = vertx.createHttpServer(options).requestHandler(router);
        created.listen().await();
        server = created;
        LOG.info("SES Query API listening on {}:{}", settings.host(), created.actualPort());
        return created.actualPort();
    }

    public synchronized int actualPort() {
        if (server == null) {
            throw new IllegalStateException("Not started");
        }
        return server.actualPort();
    }

    /** Stops listening and waits for it. Safe to call twice. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close().await(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("SES Query API did not close within 30 s");
            }
            server = null;
        }
    }

    private void handleApi(RoutingContext ctx) {
        long started = System.nanoTime();
        RawHttpRequest request = toRaw(ctx);
        // Operations do blocking store I/O; unordered, since requests are independent.
        vertx.executeBlocking(() -> dispatcher.dispatch(request), false)
                .recover(error -> {
                    LOG.error("Query API request failed unexpectedly", error);
                    return Future.succeededFuture(ApiResponse.error(CommonErrors.internalFailure(),
                            UUID.randomUUID().toString(), null));
                })
                .onSuccess(response -> send(ctx, response, started));
    }

    private static RawHttpRequest toRaw(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            copy.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
        }
        Buffer body = ctx.get(BoundedBodyHandler.BODY_KEY);
        return new RawHttpRequest(ctx.request().method().name(), ctx.request().path(), ctx.request().query(),
                copy, body == null ? null : body.getBytes());
    }

    private void installErrorHandlers() {
        router.errorHandler(400, ctx -> sendError(ctx, CommonErrors.badRequest()));
        router.errorHandler(404, ctx -> sendError(ctx, CommonErrors.notFound(ctx.request().path())));
        router.errorHandler(405, ctx -> sendError(ctx, CommonErrors.methodNotAllowed(ctx.request().method().name())));
        router.errorHandler(413, ctx -> {
            // The rest of the oversized body is not read, so this connection cannot be reused.
            ctx.response().putHeader("Connection", "close");
            sendError(ctx, CommonErrors.bodyTooLarge(settings.maxBodyBytes()));
        });
        router.errorHandler(500, ctx -> {
            LOG.error("Unhandled failure routing {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            sendError(ctx, CommonErrors.internalFailure());
        });
    }

    private void sendError(RoutingContext ctx, SesException error) {
        send(ctx, ApiResponse.error(error, UUID.randomUUID().toString(), null), System.nanoTime());
    }

    private void send(RoutingContext ctx, ApiResponse response, long startedNanos) {
        HttpServerResponse http = ctx.response();
        if (http.ended() || http.closed()) {
            return; // the client went away
        }
        http.setStatusCode(response.status())
                .putHeader("Content-Type", "text/xml")
                .putHeader("x-amzn-RequestId", response.requestId())
                .end(response.body());
        metrics.request(response.action(), response.errorCode(), System.nanoTime() - startedNanos);
        if (LOG.isDebugEnabled()) {
            LOG.debug("action={} status={} code={} ms={} requestId={}", printable(response.action()), response.status(),
                    response.errorCode() == null ? "-" : response.errorCode(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), response.requestId());
        }
    }

    /** Caller-supplied text in a log line: cut short, no control characters (no forged log lines). */
    private static String printable(String text) {
        if (text == null) {
            return "-";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
