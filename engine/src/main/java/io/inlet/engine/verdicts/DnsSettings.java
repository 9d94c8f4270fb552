package io.inlet.engine.verdicts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the verdict checks ask DNS (SPF, DKIM keys, DMARC records).
 *
 * @param servers resolvers as {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
 *                address; empty = the system's resolvers (/etc/resolv.conf)
 * @param timeout how long one attempt at one server may take
 * @param retries further attempts per server after the first one (0 = one attempt)
 */
public record DnsSettings(List<String> servers, Duration timeout, int retries) {

    public DnsSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dns timeout must be positive: " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("dns retries must be >= 0: " + retries);
        }
    }

    /** The system resolvers, 3 s per attempt, one retry: an SPF check on a dead resolver ends in about 6 s. */
    public static DnsSettings system() {
        return new DnsSettings(List.of(), Duration.ofSeconds(3), 1);
    }

    /** Explicit servers with the default timeout and retries (tests point this at a loopback responder). */
    public static DnsSettings servers(String... servers) {
        return new DnsSettings(List.of(servers), system().timeout(), system().retries());
    }

    public DnsSettings withTimeout(Duration timeout, int retries) {
        return new DnsSettings(servers, timeout, retries);
    }
}
