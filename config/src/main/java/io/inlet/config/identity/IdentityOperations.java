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
        this(store, settings, checker, clock, null);
    }

    /**
     * @param emailVerification sends the confirmation mail of addresses in dns mode (issue 6 item 7);
     *                          null: addresses stay Pending until they fail
     */
    public IdentityOperations(Store store, IdentitySettings settings, DomainVerificationChecker checker, Clock clock,
                              EmailVerification emailVerification) {
        VerificationPolicy policy = new VerificationPolicy(settings, checker, clock);
        // A read waits for DNS at most about one lookup timeout; the poller does the rest.
        StatusRefresher refresher = new StatusRefresher(store, policy, settings.dnsTimeout());
        IdentityWriter writer = new IdentityWriter(policy);
        VerifyEmailIdentity verifyEmail = new VerifyEmailIdentity(store, writer, emailVerification);
        Map<String, ApiOperation> all = new java.util.HashMap<>(Map.of(
                "VerifyDomainIdentity", new VerifyDomainIdentity(store, writer),
                "VerifyEmailIdentity", verifyEmail,
                "VerifyEmailAddress", ApiOperation.withoutResult(verifyEmail),
                "DeleteIdentity", DeleteIdentity.anyIdentity(store),
                "DeleteVerifiedEmailAddress", ApiOperation.withoutResult(DeleteIdentity.emailAddress(store)),
                "ListIdentities", new ListIdentities(store, refresher),
                "ListVerifiedEmailAddresses", new ListVerifiedEmailAddresses(store, refresher),
                "GetIdentityVerificationAttributes", new GetIdentityVerificationAttributes(store, refresher)));
        // Notification attributes and sending authorization policies (issue 6 items 2 and 4).
        all.putAll(io.inlet.config.identity.notifications.NotificationOperations.operations(store));
        all.putAll(io.inlet.config.identity.policies.PolicyOperations.operations(new IdentityReferences(store, refresher)));
        // Easy DKIM and custom MAIL FROM (issue 6 items 1 and 3): their own DNS lookups (selector
        // TXT, MX) through the same configured resolvers.
        DnsQueries dns = DnsQueries.create(settings.dnsServers(), settings.dnsTimeout());
        all.putAll(io.inlet.config.identity.dkim.DkimOperations.operations(store, settings, dns, clock,
                (tx, scope, domain) -> writer.verify(tx, scope, domain, io.inlet.config.store.IdentityRecord.DOMAIN)));
        all.putAll(io.inlet.config.identity.mailfrom.MailFromOperations.operations(store, settings, dns, clock));
        this.operations = Map.copyOf(all);
    }

    public Map<String, ApiOperation> operations() {
        return operations;
    }
}
