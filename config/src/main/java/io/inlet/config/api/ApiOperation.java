package io.inlet.config.api;

/**
 * One SES operation. The server authenticates, decodes and dispatches by {@code Action}; the
 * operation validates its parameters, does its work and writes the members of its
 * {@code <{Op}Result>} element. It signals errors by throwing {@link SesException}.
 */
@FunctionalInterface
public interface ApiOperation {

    void handle(ApiRequest request, XmlWriter result);

    /**
     * Operations without an output shape in the SES model (VerifyEmailAddress,
     * DeleteVerifiedEmailAddress) answer with only the envelope and ResponseMetadata, no Result element.
     */
    default boolean hasResult() {
        return true;
    }

    static ApiOperation withoutResult(ApiOperation op) {
        return new ApiOperation() {
            @Override
            public void handle(ApiRequest request, XmlWriter result) {
                op.handle(request, result);
            }

            @Override
            public boolean hasResult() {
                return false;
            }
        };
    }
}
