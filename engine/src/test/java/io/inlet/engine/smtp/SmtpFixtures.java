package io.inlet.engine.smtp;

import ch.qos.logback.classic.Level;
import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The receiving configuration every SMTP test runs against: one tenant with the verified domain
 * example.com, an active rule set, and filters blocking 127.0.0.3 and 127.0.0.4 (the latter also
 * allowed, so "any Allow wins" lets it through).
 */
final class SmtpFixtures {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final String RULE_SET = "inbound";
    static final String HOSTNAME = "mx.inlet.test";
    static final long CONFIGURATION_VERSION = 1;
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Rule indexes in {@link #configuration()}. */
    static final int DOMAIN = 0;
    static final int SECURE = 1;
    static final int DISABLED = 2;
    static final int SUBDOMAINS = 3;
    static final int ALICE = 4;
    static final int NEWSLETTER = 5;

    static {
        // SubEtha's DEBUG logging resolves the client's host name (a PTR query) per connection
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.subethamail")).setLevel(Level.INFO);
    }

    private SmtpFixtures() {
    }

    static ReceiptConfiguration configuration() {
        ReceiptRuleSet set = new ReceiptRuleSet(RULE_SET, Instant.EPOCH, List.of(
                rule("domain", true, TlsPolicy.Optional, "example.com"),
                rule("secure", true, TlsPolicy.Require, "secure.example.com"),
                rule("disabled", false, TlsPolicy.Optional, "disabled.example.com"),
                rule("subdomains", true, TlsPolicy.Optional, ".sub.example.com"),
                rule("alice", true, TlsPolicy.Optional, "alice@example.com"),
                rule("newsletter", true, TlsPolicy.Optional, "carol+news@other.example.com")));
        List<ReceiptFilter> filters = List.of(
                new ReceiptFilter("block-3", FilterPolicy.Block, "127.0.0.3/32"),
                new ReceiptFilter("block-4", FilterPolicy.Block, "127.0.0.4/32"),
                new ReceiptFilter("allow-4", FilterPolicy.Allow, "127.0.0.4/32"));
        TenantConfiguration tenant = new TenantConfiguration(ACCOUNT, REGION, Optional.of(set), filters,
                Set.of("example.com"));
        return new ReceiptConfiguration(CONFIGURATION_VERSION, List.of(tenant));
    }

    static SnapshotHolder snapshots() {
        SnapshotHolder holder = new SnapshotHolder(Set.of(REGION));
        holder.update(configuration());
        return holder;
    }

    static ReceiptRule rule(String name, boolean enabled, TlsPolicy tls, String... recipients) {
        return new ReceiptRule(name, enabled, tls, false, List.of(recipients), List.of());
    }

    /** Settings for a loopback test listener; tests change what they exercise. */
    static SmtpSettings.Builder settings() {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(0)
                .hostname(HOSTNAME)
                .maxMessageSize(10L * 1024 * 1024)
                .commandTimeout(java.time.Duration.ofSeconds(30));
    }

    /** A small, valid message with CRLF line ends. */
    static String message(String subject) {
        return "From: sender@client.test\r\n"
                + "To: bob@example.com\r\n"
                + "Subject: " + subject + "\r\n"
                + "\r\n"
                + "Hello.\r\n"
                + "..A line that started with a dot.\r\n";
    }
}
