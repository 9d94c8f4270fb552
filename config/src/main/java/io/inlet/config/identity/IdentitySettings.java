package io.inlet.config.identity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of identity verification.
 *
 * @param mode           {@code auto} (default) or {@code dns}
 * @param pendingTimeout how long a domain may stay Pending before it is Failed (SES: 72 hours)
 * @param pollInterval   how often the daemon's {@link DomainVerificationPoller} re-checks Pending domains
 * @param dnsServers     resolvers to ask ({@code host} or {@code host:port}); empty = the system's
 * @param dnsTimeout     per-query timeout of the TXT lookups
 */
public record IdentitySettings(
        VerificationMode mode,
        Duration pendingTimeout,
        Duration pollInterval,
        List<String> dnsServers,
        Duration dnsTimeout) {

    public static final Duration SES_PENDING_TIMEOUT = Duration.ofHours(72);

    public IdentitySettings {
        Objects.requireNonNull(mode, "mode");
        pendingTimeout = pendingTimeout == null ? SES_PENDING_TIMEOUT : pendingTimeout;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        dnsTimeout = dnsTimeout == null ? Duration.ofSeconds(3) : dnsTimeout;
    }

    public static IdentitySettings defaults() {
        return of(VerificationMode.AUTO);
    }

    public static IdentitySettings of(VerificationMode mode) {
        return new IdentitySettings(mode, null, null, null, null);
    }
}
