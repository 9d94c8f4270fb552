package io.inlet.deploy.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static io.inlet.deploy.settings.Parsers.*;

/** Every configuration key Inlet knows, with its default. Keys not listed here are refused. */
public final class SettingKeys {
    private SettingKeys() {
    }

    public static final SettingDefinition<Path> DATA_DIR = key("data-dir", "./data", PATH,
            "Directory for the store, spool and generated credentials.");
    public static final SettingDefinition<String> API_HOST = key("api.host", "127.0.0.1", TEXT,
            "Address the SES API listens on.");
    public static final SettingDefinition<Integer> API_PORT = key("api.port", "8787", PORT,
            "Port of the SES API (0 = any free port).");
    public static final SettingDefinition<String> API_PUBLIC_URL = key("api.public-url", "", TEXT,
            "Base URL of the API as mail recipients' browsers reach it (links of the address verification "
                    + "mail); empty = http://<api.host>:<api.port>.");
    public static final SettingDefinition<Boolean> API_LEGACY_AWS3 = key("api.legacy-aws3-signing", "false", BOOLEAN,
            "Also accept the legacy AWS3-HTTPS header signature of the 2010-12-01 reference.");
    public static final SettingDefinition<String> API_DEFAULT_REGION = key("api.default-region", "us-east-1", REGION,
            "Region for requests whose signature names none (AWS3-HTTPS).");
    public static final SettingDefinition<Integer> SMTP_PORT = key("smtp.port", "2525", PORT,
            "Port of the SMTP listener (0 = any free port).");
    public static final SettingDefinition<String> SMTP_HOST = key("smtp.host", "0.0.0.0", TEXT,
            "Address the SMTP listener binds (an MX listens on every interface).");
    public static final SettingDefinition<String> SMTP_HOSTNAME = key("smtp.hostname", "", TEXT,
            "Name in the banner and in Received/Authentication-Results headers; empty = this machine's name.");
    public static final SettingDefinition<Long> SMTP_MAX_MESSAGE_SIZE = key("smtp.max-message-size", "40MB", SIZE,
            "Largest message accepted (SES: 40 MB); advertised as SIZE and enforced while streaming.");
    public static final SettingDefinition<Integer> SMTP_MAX_RECIPIENTS = key("smtp.max-recipients", "100",
            positive("a count"), "Recipients per message; more get 452 4.5.3.");
    public static final SettingDefinition<Integer> SMTP_MAX_CONNECTIONS = key("smtp.max-connections", "1000",
            positive("a count"), "Concurrent SMTP connections.");
    public static final SettingDefinition<Integer> SMTP_MAX_CONNECTIONS_PER_IP = key("smtp.max-connections-per-ip", "20",
            positive("a count"), "Concurrent SMTP connections from one client IP.");
    public static final SettingDefinition<Duration> SMTP_COMMAND_TIMEOUT = key("smtp.command-timeout", "5m", DURATION,
            "Idle time allowed between reads from the client.");
    public static final SettingDefinition<Duration> SMTP_TRANSACTION_DEADLINE = key("smtp.transaction-deadline", "10m",
            DURATION, "Wall-clock time allowed for one transaction (cuts off slow-drip clients).");
    public static final SettingDefinition<Duration> SMTP_SHUTDOWN_DEADLINE = key("smtp.shutdown-deadline", "30s",
            DURATION, "On shutdown, time a message transfer in progress may take to finish; other sessions get "
                    + "421 4.3.2 at once.");
    public static final SettingDefinition<String> SMTP_TLS_CERTIFICATE = key("smtp.tls.certificate", "", TEXT,
            "PEM certificate chain for STARTTLS (with smtp.tls.private-key); empty = no STARTTLS.");
    public static final SettingDefinition<String> SMTP_TLS_PRIVATE_KEY = key("smtp.tls.private-key", "", TEXT,
            "PEM private key (unencrypted PKCS#8) for STARTTLS.");
    public static final SettingDefinition<String> SMTP_TLS_KEYSTORE = key("smtp.tls.keystore", "", TEXT,
            "PKCS#12 keystore for STARTTLS, instead of the PEM files.");
    public static final SettingDefinition<String> SMTP_TLS_KEYSTORE_PASSWORD = secret("smtp.tls.keystore-password", "",
            TEXT, "Password of smtp.tls.keystore.");
    public static final SettingDefinition<String> SMTP_PROXY_PROTOCOL = key("smtp.proxy-protocol", "off",
            oneOf("off", "v1", "v2", "any"), "Accept the HAProxy PROXY protocol from a load balancer.");
    public static final SettingDefinition<List<String>> RECEIVING_REGIONS = key("receiving.regions", "", LIST,
            "Regions whose active rule sets the SMTP listener serves; empty = api.default-region.");
    public static final SettingDefinition<Long> SPOOL_MAX_SIZE = key("spool.max-size", "10GB", SIZE,
            "Bytes the spool may hold; beyond it new mail gets 452 4.3.1.");
    public static final SettingDefinition<Integer> SPOOL_MAX_MESSAGES = key("spool.max-messages", "100000",
            positive("a count"), "Messages the spool may hold; beyond it new mail gets 452 4.3.1.");
    public static final SettingDefinition<Integer> SPOOL_KEEP_PROCESSED = key("spool.keep-processed", "1000",
            nonNegative("a count"), "Processed messages kept in spool/done for inspection (newest first); 0 = none.");
    public static final SettingDefinition<Integer> PROCESSING_WORKERS = key("processing.workers", "0",
            nonNegative("a count"), "Threads running actions; 0 = 4 per CPU core.");
    public static final SettingDefinition<Duration> PROCESSING_INITIAL_BACKOFF = key("processing.initial-backoff", "1s",
            DURATION, "First retry delay of a failed action (doubles each time).");
    public static final SettingDefinition<Duration> PROCESSING_MAX_BACKOFF = key("processing.max-backoff", "10m",
            DURATION, "Longest retry delay.");
    public static final SettingDefinition<Duration> PROCESSING_RETRY_BUDGET = key("processing.retry-budget", "24h",
            DURATION, "How long a failing action is retried before the message is dead-lettered.");
    public static final SettingDefinition<Duration> PROCESSING_SHUTDOWN_GRACE = key("processing.shutdown-grace", "10s",
            DURATION, "On shutdown, time a running action may take to finish (after the SMTP drain); an unfinished "
                    + "one runs again at the next start.");
    public static final SettingDefinition<String> SCAN_SPAMD = key("scan.spamd", "", TEXT,
            "SpamAssassin spamd address (host:port or /socket) for rules with ScanEnabled; empty = none.");
    public static final SettingDefinition<String> SCAN_CLAMD = key("scan.clamd", "", TEXT,
            "ClamAV clamd address (host:port or /socket) for rules with ScanEnabled; empty = none.");
    public static final SettingDefinition<String> ACCESS_KEY_ID = key("access-key-id", "", TEXT,
            "API access key id; when empty (with the secret) a key pair is generated in the data dir.");
    public static final SettingDefinition<String> SECRET_ACCESS_KEY = secret("secret-access-key", "", TEXT,
            "API secret access key.");
    public static final SettingDefinition<String> ACCOUNT_ID = key("account-id", "000000000000", Parsers.ACCOUNT_ID,
            "The 12-digit account the API key belongs to.");
    public static final SettingDefinition<String> ACTIONS_VALIDATION = key("actions.validation", "strict",
            oneOf("strict", "lenient"),
            "strict checks action targets exist at rule creation; lenient checks syntax only.");
    public static final SettingDefinition<String> PLUGINS_DIRECTORY = key("plugins.directory", "", TEXT,
            "Directory of plugin jars (action plugins, Lambda functions), each loaded in its own class loader; "
                    + "empty = <data-dir>/plugins.");
    public static final SettingDefinition<String> IDENTITIES_VERIFICATION = key("identities.verification", "auto",
            oneOf("auto", "dns"),
            "auto verifies identities at once; dns looks up _amazonses.<domain> TXT records.");
    public static final SettingDefinition<String> IDENTITIES_VERIFICATION_SENDER = key("identities.verification-sender",
            "", TEXT, "Envelope sender and From of the address verification mail (dns mode); "
                    + "empty = no-reply@<smtp.hostname>.");
    public static final SettingDefinition<List<String>> DNS_RESOLVERS = key("dns.resolvers", "", LIST,
            "Comma-separated DNS servers (host or host:port); empty = the system's resolvers.");
    public static final SettingDefinition<Duration> DNS_TIMEOUT = key("dns.timeout", "5s", DURATION,
            "Timeout of one DNS query.");
    public static final SettingDefinition<Integer> LIMIT_RULE_SETS = key("limits.rule-sets", "40", positive("a count"),
            "Rule sets per account and region.");
    public static final SettingDefinition<Integer> LIMIT_RULES = key("limits.rules-per-set", "200", positive("a count"),
            "Rules per rule set.");
    public static final SettingDefinition<Integer> LIMIT_ACTIONS = key("limits.actions-per-rule", "10", positive("a count"),
            "Actions per rule.");
    public static final SettingDefinition<Integer> LIMIT_FILTERS = key("limits.filters", "100", positive("a count"),
            "IP filters per account and region.");
    public static final SettingDefinition<String> STORE_URL = key("store.url", "", s -> {
        if (!s.isEmpty() && !s.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("must be empty or a jdbc:postgresql://host:port/database URL");
        }
        return s;
    }, "Shared PostgreSQL store (jdbc:postgresql://host:port/database) for several nodes; "
            + "empty = the embedded store in the data dir.");
    public static final SettingDefinition<String> STORE_USERNAME = key("store.username", "", TEXT,
            "PostgreSQL role for store.url.");
    public static final SettingDefinition<String> STORE_PASSWORD = secret("store.password", "", TEXT,
            "Password of store.username.");
    public static final SettingDefinition<Integer> STORE_POOL_SIZE = key("store.pool-size", "8", positive("a count"),
            "Pooled PostgreSQL connections per node (plus one for change notifications).");

    public static final SettingDefinition<String> OUTBOUND_RELAY_HOST = key("outbound.relay-host", "", TEXT,
            "Smarthost for outbound mail (DSNs); empty = deliver to each recipient domain's MX hosts.");
    public static final SettingDefinition<Integer> OUTBOUND_RELAY_PORT = key("outbound.relay-port", "25", PORT,
            "Port of outbound.relay-host (587 for submission).");
    public static final SettingDefinition<String> OUTBOUND_RELAY_STARTTLS = key("outbound.relay-starttls",
            "opportunistic", oneOf("off", "opportunistic", "required"),
            "STARTTLS towards the relay: off, opportunistic (when offered) or required (else deferred).");
    public static final SettingDefinition<String> OUTBOUND_RELAY_USERNAME = key("outbound.relay-username", "", TEXT,
            "AUTH user name at the relay; empty = no AUTH.");
    public static final SettingDefinition<String> OUTBOUND_RELAY_PASSWORD = secret("outbound.relay-password", "", TEXT,
            "AUTH password at the relay.");
    public static final SettingDefinition<Boolean> OUTBOUND_TLS_TRUST_ALL = key("outbound.tls-trust-all", "false",
            BOOLEAN, "Accept any certificate from the relay (private relays, tests); MX delivery never verifies.");
    public static final SettingDefinition<Integer> OUTBOUND_MX_PORT = key("outbound.mx-port", "25", PORT,
            "Port used when delivering to MX hosts (25 on the internet).");
    public static final SettingDefinition<Integer> OUTBOUND_WORKERS = key("outbound.workers", "2", positive("a count"),
            "Concurrent outbound deliveries.");
    public static final SettingDefinition<Duration> OUTBOUND_CONNECT_TIMEOUT = key("outbound.connect-timeout", "30s",
            DURATION, "Timeout of one outbound TCP connect.");
    public static final SettingDefinition<Duration> OUTBOUND_COMMAND_TIMEOUT = key("outbound.command-timeout", "2m",
            DURATION, "Timeout of one outbound SMTP command reply.");
    public static final SettingDefinition<Duration> OUTBOUND_RETRY_INITIAL = key("outbound.retry-initial", "1m",
            DURATION, "First retry delay of a deferred outbound recipient (doubles each time).");
    public static final SettingDefinition<Duration> OUTBOUND_RETRY_MAX = key("outbound.retry-max", "1h", DURATION,
            "Longest outbound retry delay.");
    public static final SettingDefinition<Duration> OUTBOUND_MAX_AGE = key("outbound.max-age", "5d", DURATION,
            "How long an outbound message is retried before it fails for good (moved to outbound/dead).");

    public static final SettingDefinition<Long> SENDING_MAX_24_HOUR_SEND = key("sending.max-24-hour-send", "200", s -> {
        long n;
        try {
            n = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of recipients, or -1 for unlimited");
        }
        if (n < -1) {
            throw new IllegalArgumentException("must be a whole number of recipients, or -1 for unlimited");
        }
        return n;
    }, "Recipients SendEmail/SendRawEmail may send per account and region in a sliding 24 hours "
            + "(GetSendQuota Max24HourSend); -1 = unlimited. Default: the SES sandbox's 200.");
    public static final SettingDefinition<Double> SENDING_MAX_SEND_RATE = key("sending.max-send-rate", "1", s -> {
        double rate;
        try {
            rate = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a positive number of recipients per second");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("must be a positive number of recipients per second");
        }
        return rate;
    }, "Recipients per second SendEmail/SendRawEmail accept per account and region on each node "
            + "(GetSendQuota MaxSendRate). Default: the SES sandbox's 1.");

    public static final List<SettingDefinition<?>> ALL = List.of(
            DATA_DIR, API_HOST, API_PORT, API_PUBLIC_URL, API_LEGACY_AWS3, API_DEFAULT_REGION, SMTP_PORT,
            SMTP_HOST, SMTP_HOSTNAME, SMTP_MAX_MESSAGE_SIZE, SMTP_MAX_RECIPIENTS, SMTP_MAX_CONNECTIONS,
            SMTP_MAX_CONNECTIONS_PER_IP, SMTP_COMMAND_TIMEOUT, SMTP_TRANSACTION_DEADLINE, SMTP_SHUTDOWN_DEADLINE,
            SMTP_TLS_CERTIFICATE, SMTP_TLS_PRIVATE_KEY, SMTP_TLS_KEYSTORE, SMTP_TLS_KEYSTORE_PASSWORD, SMTP_PROXY_PROTOCOL,
            RECEIVING_REGIONS, SPOOL_MAX_SIZE, SPOOL_MAX_MESSAGES, SPOOL_KEEP_PROCESSED, PROCESSING_WORKERS, PROCESSING_INITIAL_BACKOFF,
            PROCESSING_MAX_BACKOFF, PROCESSING_RETRY_BUDGET, PROCESSING_SHUTDOWN_GRACE, SCAN_SPAMD, SCAN_CLAMD,
            ACCESS_KEY_ID, SECRET_ACCESS_KEY, ACCOUNT_ID, ACTIONS_VALIDATION, PLUGINS_DIRECTORY, IDENTITIES_VERIFICATION,
            IDENTITIES_VERIFICATION_SENDER,
            DNS_RESOLVERS, DNS_TIMEOUT, LIMIT_RULE_SETS, LIMIT_RULES, LIMIT_ACTIONS, LIMIT_FILTERS,
            STORE_URL, STORE_USERNAME, STORE_PASSWORD, STORE_POOL_SIZE,
            OUTBOUND_RELAY_HOST, OUTBOUND_RELAY_PORT, OUTBOUND_RELAY_STARTTLS, OUTBOUND_RELAY_USERNAME,
            OUTBOUND_RELAY_PASSWORD, OUTBOUND_TLS_TRUST_ALL, OUTBOUND_MX_PORT, OUTBOUND_WORKERS, OUTBOUND_CONNECT_TIMEOUT,
            OUTBOUND_COMMAND_TIMEOUT, OUTBOUND_RETRY_INITIAL, OUTBOUND_RETRY_MAX, OUTBOUND_MAX_AGE,
            SENDING_MAX_24_HOUR_SEND, SENDING_MAX_SEND_RATE);

    private static <T> SettingDefinition<T> key(String name, String def, Function<String, T> parser, String doc) {
        return new SettingDefinition<>(name, def, parser, doc, false);
    }

    private static <T> SettingDefinition<T> secret(String name, String def, Function<String, T> parser, String doc) {
        return new SettingDefinition<>(name, def, parser, doc, true);
    }
}
