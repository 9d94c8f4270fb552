package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.store.Store;

import java.time.Clock;
import java.util.Map;

/**
 * The identity operations receiving depends on, by SES action name. Statuses follow
 * {@link IdentitySettings#mode()}: auto verifies at once; dns checks the {@code _amazonses} TXT
 * record when a Pending domain is read and on every {@link DomainVerificationPoller} run.
 */
public final class IdentityOperations {
    private final Map<String, ApiOperation> operations;

    public IdentityOperations(Store store, IdentitySettings settings, DomainVerificationChecker checker, Clock clock) {
        VerificationPolicy policy = new VerificationPolicy(settings, checker, clock);
        // A read waits for DNS at most about one lookup timeout; the poller does the rest.
        StatusRefresher refresher = new StatusRefresher(store, policy, settings.dnsTimeout());
        IdentityWriter writer = new IdentityWriter(policy);
        VerifyEmailIdentity verifyEmail = new VerifyEmailIdentity(store, writer);
        this.operations = Map.of(
                "VerifyDomainIdentity", new VerifyDomainIdentity(store, writer),
                "VerifyEmailIdentity", verifyEmail,
                "VerifyEmailAddress", ApiOperation.withoutResult(verifyEmail),
                "DeleteIdentity", DeleteIdentity.anyIdentity(store),
                "DeleteVerifiedEmailAddress", ApiOperation.withoutResult(DeleteIdentity.emailAddress(store)),
                "ListIdentities", new ListIdentities(store, refresher),
                "ListVerifiedEmailAddresses", new ListVerifiedEmailAddresses(store, refresher),
                "GetIdentityVerificationAttributes", new GetIdentityVerificationAttributes(store, refresher));
    }

    public Map<String, ApiOperation> operations() {
        return operations;
    }
}
