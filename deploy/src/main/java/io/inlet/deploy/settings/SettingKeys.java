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
    public static final SettingDefinition<Boolean> API_LEGACY_AWS3 = key("api.legacy-aws3-signing", "false", BOOLEAN,
            "Also accept the legacy AWS3-HTTPS header signature of the 2010-12-01 reference.");
    public static final SettingDefinition<String> API_DEFAULT_REGION = key("api.default-region", "us-east-1", REGION,
            "Region for requests whose signature names none (AWS3-HTTPS).");
    public static final SettingDefinition<Integer> SMTP_PORT = key("smtp.port", "2525", PORT,
            "Port of the SMTP listener (0 = any free port).");
    public static final SettingDefinition<String> ACCESS_KEY_ID = key("access-key-id", "", TEXT,
            "API access key id; when empty (with the secret) a key pair is generated in the data dir.");
    public static final SettingDefinition<String> SECRET_ACCESS_KEY = secret("secret-access-key", "", TEXT,
            "API secret access key.");
    public static final SettingDefinition<String> ACCOUNT_ID = key("account-id", "000000000000", Parsers.ACCOUNT_ID,
            "The 12-digit account the API key belongs to.");
    public static final SettingDefinition<String> ACTIONS_VALIDATION = key("actions.validation", "strict",
            oneOf("strict", "lenient"),
            "strict checks action targets exist at rule creation; lenient checks syntax only.");
    public static final SettingDefinition<String> IDENTITIES_VERIFICATION = key("identities.verification", "auto",
            oneOf("auto", "dns"),
            "auto verifies identities at once; dns looks up _amazonses.<domain> TXT records.");
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

    public static final List<SettingDefinition<?>> ALL = List.of(
            DATA_DIR, API_HOST, API_PORT, API_LEGACY_AWS3, API_DEFAULT_REGION, SMTP_PORT,
            ACCESS_KEY_ID, SECRET_ACCESS_KEY, ACCOUNT_ID, ACTIONS_VALIDATION, IDENTITIES_VERIFICATION,
            DNS_RESOLVERS, DNS_TIMEOUT, LIMIT_RULE_SETS, LIMIT_RULES, LIMIT_ACTIONS, LIMIT_FILTERS);

    private static <T> SettingDefinition<T> key(String name, String def, Function<String, T> parser, String doc) {
        return new SettingDefinition<>(name, def, parser, doc, false);
    }

    private static <T> SettingDefinition<T> secret(String name, String def, Function<String, T> parser, String doc) {
        return new SettingDefinition<>(name, def, parser, doc, true);
    }
}
