package io.inlet.config.api;

import io.inlet.config.store.Scope;

/**
 * One authenticated Query API call: the operation name, its parameters, the account and region
 * the signature selected, and the request ID that the response envelope will carry.
 */
public record ApiRequest(String action, QueryParams params, Scope scope, String requestId) {
}
