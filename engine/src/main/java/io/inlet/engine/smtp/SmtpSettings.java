package io.inlet.engine.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the SMTP listener runs. Build with {@link #builder()}; every value has an MX-friendly default.
 *
 * @param host                bind address (an IP literal; {@code 0.0.0.0} = every interface)
 * @param port                TCP port; 0 takes an ephemeral one (see {@link SmtpListener#port()})
 * @param hostname            the name in the banner, the EHLO reply and the headers Inlet adds
 * @param maxMessageSize      bytes (after dot-unstuffing); advertised as {@code SIZE} and enforced while streaming
 * @param maxRecipients       accepted recipients per message; one more gets {@code 452 4.5.3}
 * @param maxConnections      concurrent sessions; SubEtha answers {@code 421} beyond it
 * @param maxConnectionsPerIp concurrent sessions per client IP (the PROXY source when enabled)
 * @param commandTimeout      idle limit for every read (a command, or the next DATA bytes)
 * @param transactionDeadline wall-clock limit from connect, and again from each accepted message,
 *                            to the next accepted message: slow-drip clients are cut off
 * @param tls                 STARTTLS credentials; empty = STARTTLS is not offered
 * @param proxyProtocol       PROXY protocol header expected on each connection
 * @param shutdownDeadline    how long {@link SmtpListener#close()} lets transfers in DATA finish: new
 *                            connections are refused and other sessions get {@code 421 4.3.2} at once;
 *                            at the deadline the rest is cut (0 = cut them at once)
 */
public record SmtpSettings(String host, int port, String hostname, long maxMessageSize, int maxRecipients,
                           int maxConnections, int maxConnectionsPerIp, Duration commandTimeout,
                           Duration transactionDeadline, Optional<TlsCredentials> tls, ProxyProtocol proxyProtocol,
                           Duration shutdownDeadline) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 25;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 40L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
    /** RFC 5321 §4.5.3.2 asks for at least 5 minutes per command and per DATA block. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TRANSACTION_DEADLINE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(30);

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(transactionDeadline, "transactionDeadline");
        Objects.requireNonNull(shutdownDeadline, "shutdownDeadline");
        tls = tls == null ? Optional.empty() : tls;
        proxyProtocol = proxyProtocol == null ? ProxyProtocol.OFF : proxyProtocol;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!hostname.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            // it goes into the banner and into headers: no spaces, no line breaks
            throw new IllegalArgumentException("hostname is not a host name: " + hostname);
        }
        // SubEtha's SIZE and our byte counts meet an int in places; 2 GiB is far beyond any MX limit anyway
        if (maxMessageSize <= 0 || maxMessageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxMessageSize must be 1.." + Integer.MAX_VALUE + ": " + maxMessageSize);
        }
        if (maxRecipients <= 0 || maxConnections <= 0 || maxConnectionsPerIp <= 0) {
            throw new IllegalArgumentException("recipient and connection limits must be positive");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || commandTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
        if (transactionDeadline.isNegative() || transactionDeadline.isZero()) {
            throw new IllegalArgumentException("transactionDeadline must be positive: " + transactionDeadline);
        }
        if (shutdownDeadline.isNegative()) {
            throw new IllegalArgumentException("shutdownDeadline must not be negative: " + shutdownDeadline);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SmtpSettings defaults() {
        return builder().build();
    }

    /**
     * The machine's name without any DNS query ({@code InetAddress.getLocalHost()} resolves it):
     * {@code /etc/hostname}, then the usual environment variables, else {@code localhost}.
     */
    public static String localHostname() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty() && !name.contains("\n")) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the environment
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.trim();
            }
        }
        return "localhost";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String hostname;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration transactionDeadline = DEFAULT_TRANSACTION_DEADLINE;
        private TlsCredentials tls;
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private Duration shutdownDeadline = DEFAULT_SHUTDOWN_DEADLINE;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder maxMessageSize(long value) {
            maxMessageSize = value;
            return this;
        }

        public Builder maxRecipients(int value) {
            maxRecipients = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerIp(int value) {
            maxConnectionsPerIp = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder transactionDeadline(Duration value) {
            transactionDeadline = value;
            return this;
        }

        /** Null = no STARTTLS. */
        public Builder tls(TlsCredentials value) {
            tls = value;
            return this;
        }

        public Builder proxyProtocol(ProxyProtocol value) {
            proxyProtocol = value;
            return this;
        }

        public Builder shutdownDeadline(Duration value) {
            shutdownDeadline = value;
            return this;
        }

        public SmtpSettings build() {
            return new SmtpSettings(host, port, hostname == null ? localHostname() : hostname, maxMessageSize,
                    maxRecipients, maxConnections, maxConnectionsPerIp, commandTimeout, transactionDeadline,
                    Optional.ofNullable(tls), proxyProtocol, shutdownDeadline);
        }
    }
}
