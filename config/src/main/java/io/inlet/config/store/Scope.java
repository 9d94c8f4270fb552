package io.inlet.config.store;

/** Everything in the control plane belongs to one account in one region, as in SES. */
public record Scope(String accountId, String region) {
}
