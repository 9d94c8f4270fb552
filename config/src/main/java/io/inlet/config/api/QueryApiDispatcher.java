package io.inlet.config.api;

import io.inlet.config.store.Scope;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Query API request from raw bytes to response document, independent of the HTTP server.
 * Order as in SES: decode the parameters, authenticate (so an unsigned caller learns nothing
 * about actions), check Action and Version, run the operation. Blocking: call it off the event loop.
 */
final class QueryApiDispatcher {

    static final String API_VERSION = "2010-12-01";
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiDispatcher.class);

    private final RequestAuthenticator authenticator;
    private final Map<String, ApiOperation> operations;

    QueryApiDispatcher(RequestAuthenticator authenticator, Map<String, ApiOperation> operations) {
        this.authenticator = authenticator;
        this.operations = Map.copyOf(operations);
    }

    ApiResponse dispatch(RawHttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        String action = null;
        try {
            Map<String, String> params = RequestParameters.decode(request);
            action = params.get("Action");
            Scope scope = authenticator.authenticate(request, params);
            ApiOperation operation = resolve(action, params.get("Version"));
            XmlWriter result = new XmlWriter();
            operation.handle(new ApiRequest(action, new QueryParams(params), scope, requestId), result);
            String body = ResponseEnvelopes.success(action, operation.hasResult(), result, requestId);
            return new ApiResponse(200, body, requestId, action, null);
        } catch (SesException e) {
            return ApiResponse.error(e, requestId, action);
        } catch (RuntimeException e) {
            // The trace goes to the log only: it may reveal internals the caller must not see.
            LOG.error("Request {} ({}) failed unexpectedly", requestId, action, e);
            return ApiResponse.error(CommonErrors.internalFailure(), requestId, action);
        }
    }

    private ApiOperation resolve(String action, String version) {
        if (action == null || action.isEmpty()) {
            throw CommonErrors.missingAction();
        }
        if (version != null && !version.equals(API_VERSION)) {
            throw CommonErrors.noSuchVersion(version);
        }
        ApiOperation operation = operations.get(action);
        if (operation == null) {
            throw CommonErrors.invalidAction(action);
        }
        return operation;
    }
}
