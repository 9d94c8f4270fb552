package io.inlet.config.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Collects the raw request body up to a limit, failing the route with 413 beyond it. Used
 * instead of Vert.x's BodyHandler, which also parses form bodies with a lenient decoder (and
 * would create an uploads directory); signatures need the exact bytes. Must be the first handler
 * of its route, so the body handlers are set before any data arrives.
 */
final class BoundedBodyHandler implements Handler<RoutingContext> {

    static final String BODY_KEY = "inlet.rawBody";

    private final long limit;

    BoundedBodyHandler(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && exceedsLimit(declared)) {
            ctx.fail(413);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() != HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue(); // curl waits a second for this before sending a larger body
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                failed[0] = true;
                ctx.fail(413);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(error -> {
            if (!failed[0]) {
                failed[0] = true;
                ctx.fail(400, error);
            }
        });
        request.endHandler(v -> {
            if (!failed[0]) {
                ctx.put(BODY_KEY, body);
                ctx.next();
            }
        });
        request.resume();
    }

    private boolean exceedsLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x/Netty reject a broken Content-Length themselves
        }
    }
}
