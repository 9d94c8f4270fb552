package io.inlet.config.api;

/**
 * The errors common to all actions (reference "Common Errors"), with the texts AWS sends. Type is
 * Sender except for InternalFailure.
 */
final class CommonErrors {

    private CommonErrors() {
    }

    static SesException missingAuthenticationToken() {
        return new SesException(403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    static SesException invalidClientTokenId() {
        return new SesException(403, "Sender", "InvalidClientTokenId",
                "The security token included in the request is invalid.");
    }

    static SesException signatureDoesNotMatch() {
        return signatureDoesNotMatch("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    static SesException signatureDoesNotMatch(String message) {
        return new SesException(403, "Sender", "SignatureDoesNotMatch", message);
    }

    static SesException incompleteSignature(String message) {
        return new SesException(403, "Sender", "IncompleteSignature", message);
    }

    static SesException requestExpired(String message) {
        return new SesException(400, "Sender", "RequestExpired", message);
    }

    static SesException missingAction() {
        return SesException.sender("MissingAction", "Missing Action");
    }

    static SesException invalidAction(String action) {
        return SesException.sender("InvalidAction", "The action " + action + " is not valid for this web service.");
    }

    static SesException noSuchVersion(String version) {
        return SesException.sender("NoSuchVersion",
                "The requested version (" + version + ") of service AmazonSimpleEmailService does not exist.");
    }

    /** The reference gives MalformedQueryString HTTP 404; InvalidQueryParameter is its 400 sibling. */
    static SesException malformedQuery(String detail) {
        return SesException.sender("InvalidQueryParameter",
                "The AWS query string is malformed or does not adhere to AWS standards. " + detail);
    }

    static SesException internalFailure() {
        return new SesException(500, "Receiver", "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    static SesException notFound(String path) {
        return new SesException(404, "Sender", "NotFound", "The resource " + path + " does not exist.");
    }

    static SesException methodNotAllowed(String method) {
        return new SesException(405, "Sender", "MethodNotAllowed",
                "The HTTP method " + method + " is not allowed; use POST or GET.");
    }

    static SesException bodyTooLarge(long limit) {
        return new SesException(413, "Sender", "RequestEntityTooLarge",
                "The request body exceeds the limit of " + limit + " bytes.");
    }

    static SesException badRequest() {
        return SesException.sender("InvalidQueryParameter",
                "The AWS query string is malformed or does not adhere to AWS standards.");
    }
}
