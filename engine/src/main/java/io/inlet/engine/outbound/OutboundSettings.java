package io.inlet.engine.outbound;

import io.inlet.engine.verdicts.DnsSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbound queue delivers. Build with {@link #builder(String)}; the daemon keys are
 * {@code outbound.relay-host}, {@code outbound.relay-port}, … (one per component).
 *
 * @param relayHost      the smarthost; empty = deliver directly to the recipient domains' MX hosts
 * @param relayPort      the smarthost's port
 * @param relayStarttls  STARTTLS towards the smarthost (direct MX delivery is always opportunistic)
 * @param relayUsername  AUTH user at the smarthost (PLAIN or LOGIN); empty = no AUTH
 * @param relayPassword  AUTH password; required with a username
 * @param tlsTrustAll    accept any certificate from the smarthost (tests, private relays); direct MX
 *                       delivery never verifies certificates, as MTAs do not
 * @param mxPort         the port of MX hosts (25; tests point it at a loopback server)
 * @param workers        entries delivered at the same time
 * @param connectTimeout limit for the TCP connection to a server
 * @param commandTimeout limit for each read and write of the SMTP conversation
 * @param retryInitial   delay after the first temporary failure; doubled per failure
 * @param retryMax       the longest delay between two attempts
 * @param maxAge         how long, from enqueue (or replay), temporary failures are retried before
 *                       the recipients fail for good
 * @param heloName       the name announced in EHLO: the daemon's host name
 * @param dns            the resolvers for MX and address lookups (the daemon's {@code dns.*} settings)
 */
public record OutboundSettings(String relayHost, int relayPort, StartTlsPolicy relayStarttls, String relayUsername,
                               String relayPassword, boolean tlsTrustAll, int mxPort, int workers,
                               Duration connectTimeout, Duration commandTimeout, Duration retryInitial,
                               Duration retryMax, Duration maxAge, String heloName, DnsSettings dns) {

    public static final int DEFAULT_PORT = 25;
    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(5);

    public OutboundSettings {
        relayHost = relayHost == null ? "" : relayHost.trim();
        relayUsername = relayUsername == null ? "" : relayUsername;
        relayPassword = relayPassword == null ? "" : relayPassword;
        Objects.requireNonNull(relayStarttls, "outbound relay-starttls");
        Objects.requireNonNull(dns, "outbound dns settings");
        if (!relayHost.isEmpty() && !relayHost.matches("[A-Za-z0-9._:\\[\\]-]+")) {
            throw new IllegalArgumentException("outbound relay-host is not a host name or IP address: " + relayHost);
        }
        port("relay-port", relayPort);
        port("mx-port", mxPort);
        if (relayUsername.isEmpty() != relayPassword.isEmpty()) {
            throw new IllegalArgumentException(
                    "outbound relay-username and relay-password must be set together (or both left empty)");
        }
        if (!relayUsername.isEmpty() && relayHost.isEmpty()) {
            throw new IllegalArgumentException("outbound relay-username is set but relay-host is empty");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("outbound workers must be 1..256: " + workers);
        }
        positiveMillis("connect-timeout", connectTimeout);
        positiveMillis("command-timeout", commandTimeout);
        positive("retry-initial", retryInitial);
        positive("retry-max", retryMax);
        positive("max-age", maxAge);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("outbound retry-max (" + retryMax + ") must not be below retry-initial ("
                    + retryInitial + ")");
        }
        if (heloName == null || !heloName.matches("[A-Za-z0-9._:\\[\\]-]+")) {
            throw new IllegalArgumentException("outbound EHLO name is not a host name: " + heloName);
        }
    }

    /** Every default, announcing {@code heloName}: direct MX delivery. */
    public static Builder builder(String heloName) {
        return new Builder(heloName);
    }

    /** Whether a smarthost is configured (else direct MX delivery). */
    public boolean usesRelay() {
        return !relayHost.isEmpty();
    }

    /** Like the record's, with the password masked: settings get logged. */
    @Override
    public String toString() {
        return "OutboundSettings[relayHost=" + relayHost + ", relayPort=" + relayPort + ", relayStarttls="
                + relayStarttls + ", relayUsername=" + relayUsername + ", relayPassword="
                + (relayPassword.isEmpty() ? "" : "****") + ", tlsTrustAll=" + tlsTrustAll + ", mxPort=" + mxPort
                + ", workers=" + workers + ", connectTimeout=" + connectTimeout + ", commandTimeout="
                + commandTimeout + ", retryInitial=" + retryInitial + ", retryMax=" + retryMax + ", maxAge="
                + maxAge + ", heloName=" + heloName + ", dns=" + dns + "]";
    }

    private static void port(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("outbound " + key + " must be 1..65535: " + port);
        }
    }

    private static void positive(String key, Duration value) {
        Objects.requireNonNull(value, "outbound " + key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("outbound " + key + " must be positive: " + value);
        }
    }

    /** Socket timeouts are int milliseconds. */
    private static void positiveMillis(String key, Duration value) {
        positive(key, value);
        if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("outbound " + key + " must be 1 ms..24 days: " + value);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String relayHost = "";
        private int relayPort = DEFAULT_PORT;
        private StartTlsPolicy relayStarttls = StartTlsPolicy.OPPORTUNISTIC;
        private String relayUsername = "";
        private String relayPassword = "";
        private boolean tlsTrustAll;
        private int mxPort = DEFAULT_PORT;
        private int workers = DEFAULT_WORKERS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration retryInitial = DEFAULT_RETRY_INITIAL;
        private Duration retryMax = DEFAULT_RETRY_MAX;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private String heloName;
        private DnsSettings dns = DnsSettings.system();

        private Builder(String heloName) {
            this.heloName = heloName;
        }

        public Builder relayHost(String v) { relayHost = v; return this; }
        public Builder relayPort(int v) { relayPort = v; return this; }
        public Builder relayStarttls(StartTlsPolicy v) { relayStarttls = v; return this; }
        public Builder relayUsername(String v) { relayUsername = v; return this; }
        public Builder relayPassword(String v) { relayPassword = v; return this; }
        public Builder tlsTrustAll(boolean v) { tlsTrustAll = v; return this; }
        public Builder mxPort(int v) { mxPort = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder commandTimeout(Duration v) { commandTimeout = v; return this; }
        public Builder retryInitial(Duration v) { retryInitial = v; return this; }
        public Builder retryMax(Duration v) { retryMax = v; return this; }
        public Builder maxAge(Duration v) { maxAge = v; return this; }
        public Builder heloName(String v) { heloName = v; return this; }
        public Builder dns(DnsSettings v) { dns = v; return this; }

        public OutboundSettings build() {
            return new OutboundSettings(relayHost, relayPort, relayStarttls, relayUsername, relayPassword,
                    tlsTrustAll, mxPort, workers, connectTimeout, commandTimeout, retryInitial, retryMax, maxAge,
                    heloName, dns);
        }
    }
}
