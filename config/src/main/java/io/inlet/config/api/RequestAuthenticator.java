package io.inlet.config.api;

import io.inlet.config.store.Scope;
import java.time.Clock;
import java.util.Map;

/**
 * Picks the signature scheme a request uses and verifies it. Nothing is open: a request without
 * any signature is refused. AWS3 is judged only when enabled; otherwise it gets the error SES has
 * given old signatures since 2020.
 */
final class RequestAuthenticator {

    private final SigV4Verifier sigV4;
    private final Aws3Verifier aws3;

    /** @param aws3 null when legacy signing is disabled */
    RequestAuthenticator(SigV4Verifier sigV4, Aws3Verifier aws3) {
        this.sigV4 = sigV4;
        this.aws3 = aws3;
    }

    static RequestAuthenticator create(CredentialsRegistry credentials, ApiServerSettings settings, Clock clock) {
        Aws3Verifier legacy = settings.legacyAws3Signing()
                ? new Aws3Verifier(credentials, clock, settings.defaultRegion())
                : null;
        return new RequestAuthenticator(new SigV4Verifier(credentials, clock), legacy);
    }

    /** @param params the decoded parameters (for the legacy schemes, which sign them) */
    Scope authenticate(RawHttpRequest request, Map<String, String> params) {
        String authorization = request.header("authorization");
        if (authorization != null) {
            if (SigV4Verifier.hasSigV4Header(request)) {
                return sigV4.verify(request);
            }
            throw CommonErrors.incompleteSignature("Authorization header must use the AWS4-HMAC-SHA256 scheme.");
        }
        if (SigV4Verifier.isPresigned(request)) {
            return sigV4.verify(request);
        }
        if (Aws3Verifier.hasAws3Header(request)) {
            if (aws3 == null) {
                throw CommonErrors.invalidClientTokenId();
            }
            return aws3.verify(request, params);
        }
        if (params.containsKey("Signature") && params.containsKey("AWSAccessKeyId")) {
            // Signature Version 2 parameters: retired like AWS3.
            throw CommonErrors.invalidClientTokenId();
        }
        throw CommonErrors.missingAuthenticationToken();
    }
}
