package io.inlet.deploy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the API port: every meter in Prometheus text format (0.0.4). Not
 * authenticated, as scrapers expect; the API listens on 127.0.0.1 unless {@code api.host} says
 * otherwise (see OPERATIONS.md). The scrape runs off the event loop: the spool's gauges read the
 * queue directory.
 */
final class MetricsRoutes {

    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRoutes.class);

    private final PrometheusMeterRegistry registry;

    MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Mounts the route; call before the server starts. */
    void mount(Router router) {
        router.get(PATH).handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        ctx.vertx().executeBlocking(registry::scrape, false)
                .recover(error -> {
                    LOG.error("metrics scrape failed", error);
                    return Future.failedFuture(error);
                })
                .onComplete(done -> {
                    if (ctx.response().ended() || ctx.response().closed()) {
                        return;
                    }
                    if (done.succeeded()) {
                        ctx.response().setStatusCode(200).putHeader("Content-Type", CONTENT_TYPE).end(done.result());
                    } else {
                        ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                                .end("metrics scrape failed\n");
                    }
                });
    }
}
