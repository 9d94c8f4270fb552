package io.inlet.deploy;

import io.inlet.config.identity.EmailVerification;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /_inlet/verify?account=…&region=…&identity=…&token=…} on the API port: the link of the
 * email address verification mail (issue 6 item 7). Not authenticated (the recipient's browser
 * follows it); the token is the credential, compared in constant time and valid for 24 hours.
 * Answers a small HTML page: 200 when verified, 403 for a wrong or replaced token, 410 when expired.
 */
final class VerificationRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationRoutes.class);

    private final EmailVerification verification;

    VerificationRoutes(EmailVerification verification) {
        this.verification = verification;
    }

    /** Mounts the route; call before the server starts. */
    void mount(Router router) {
        router.get(EmailVerification.PATH).handler(this::confirm);
    }

    private void confirm(RoutingContext ctx) {
        String account = ctx.request().getParam("account");
        String region = ctx.request().getParam("region");
        String identity = ctx.request().getParam("identity");
        String token = ctx.request().getParam("token");
        // The store may block: off the event loop.
        ctx.vertx().executeBlocking(() -> verification.confirm(account, region, identity, token), false)
                .onComplete(done -> {
                    if (ctx.response().ended() || ctx.response().closed()) {
                        return;
                    }
                    if (done.failed()) {
                        LOG.error("email verification failed", done.cause());
                        page(ctx, 500, "Verification failed", "Something went wrong. Please try again later.");
                        return;
                    }
                    switch (done.result()) {
                        case CONFIRMED -> page(ctx, 200, "Email address verified",
                                "You have successfully verified an email address. You can now start sending email from this address.");
                        case ALREADY_VERIFIED -> page(ctx, 200, "Email address verified",
                                "This email address is already verified.");
                        case EXPIRED -> page(ctx, 410, "Verification link expired",
                                "This verification link has expired. Request verification of the address again.");
                        default -> page(ctx, 403, "Verification failed",
                                "This verification link is invalid.");
                    }
                });
    }

    private static void page(RoutingContext ctx, int status, String title, String text) {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1><p>" + text + "</p></body></html>\n";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer").end(html);
    }
}
