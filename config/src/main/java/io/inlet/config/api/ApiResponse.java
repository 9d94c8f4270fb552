package io.inlet.config.api;

/**
 * What the server sends back for one request.
 *
 * @param action    the Action parameter when known (for the log), else null
 * @param errorCode null on success
 */
record ApiResponse(int status, String body, String requestId, String action, String errorCode) {

    static ApiResponse error(SesException error, String requestId, String action) {
        return new ApiResponse(error.httpStatus(), ResponseEnvelopes.error(error, requestId), requestId, action,
                error.code());
    }
}
