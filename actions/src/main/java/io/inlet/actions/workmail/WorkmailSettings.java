package io.inlet.actions.workmail;

import io.inlet.actions.settings.PluginSettings;
import io.inlet.actions.settings.PluginSettings.NameValue;
import io.inlet.actions.validation.Arns;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.inlet.actions.settings.PluginSettings.invalid;

/**
 * The {@code actions.workmail.*} settings, parsed once at start. A bad value is an
 * {@link IllegalArgumentException} naming the key, so the daemon refuses to start.
 *
 * @param organizations mailbox server per organization ARN
 * @param fallback      what an organization missing from the map gets
 * @param timeout       connect and per-reply timeout when talking to a mailbox server
 */
public record WorkmailSettings(Map<String, MailboxServer> organizations, Fallback fallback, Duration timeout) {

    public static final String ORGANIZATIONS = "actions.workmail.organizations";
    public static final String DEFAULT = "actions.workmail.default";
    public static final String TIMEOUT = "actions.workmail.timeout";

    /** Declared in {@code WorkmailAction.settingDefaults()}. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** {@code maildir}: unmapped organizations get the embedded Maildir store; {@code reject}: they are refused. */
    public enum Fallback { MAILDIR, REJECT }

    public WorkmailSettings {
        organizations = Collections.unmodifiableMap(new LinkedHashMap<>(organizations));
    }

    public static WorkmailSettings parse(Map<String, String> settings) {
        PluginSettings s = new PluginSettings(settings, DEFAULTS);
        return new WorkmailSettings(
                organizations(s.text(ORGANIZATIONS)),
                s.oneOf(DEFAULT, Fallback.class),
                timeout(s));
    }

    /** The server for an organization; empty when it is unmapped and the fallback is {@code reject}. */
    public Optional<MailboxServer> serverFor(String organizationArn) {
        MailboxServer mapped = organizations.get(organizationArn);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        return fallback == Fallback.MAILDIR ? Optional.of(MailboxServer.MAILDIR) : Optional.empty();
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ORGANIZATIONS, "");
        m.put(DEFAULT, "maildir");
        m.put(TIMEOUT, "PT60S");
        return Collections.unmodifiableMap(m);
    }

    /**
     * Comma-separated {@code ORGANIZATION_ARN=TARGET} entries (a YAML list of such strings joins
     * to the same text). ARNs contain no {@code =} or {@code ,}, targets neither.
     */
    private static Map<String, MailboxServer> organizations(String v) {
        Map<String, MailboxServer> map = new LinkedHashMap<>();
        for (String entry : PluginSettings.commaList(v)) {
            NameValue pair = PluginSettings.splitAtEquals(entry).orElseThrow(() -> invalid(ORGANIZATIONS, entry,
                    "must be ORGANIZATION_ARN=TARGET (TARGET: maildir, lmtp://host:port or smtp://host:port)"));
            String arn = pair.name();
            if (!Arns.isWorkmailOrganization(arn)) {
                throw invalid(ORGANIZATIONS, entry, "does not start with a WorkMail organization ARN (arn:aws:workmail:REGION:ACCOUNT:organization/m-...)");
            }
            MailboxServer server;
            try {
                server = MailboxServer.parse(pair.value());
            } catch (IllegalArgumentException e) {
                throw invalid(ORGANIZATIONS, entry, e.getMessage());
            }
            if (map.putIfAbsent(arn, server) != null) {
                throw invalid(ORGANIZATIONS, entry, "maps an organization that is already mapped");
            }
        }
        return map;
    }

    /** Like every plugin duration (ISO-8601 or 500ms/60s/2m/1h), bounded by what a socket timeout holds. */
    private static Duration timeout(PluginSettings s) {
        Duration d = s.duration(TIMEOUT);
        // Socket timeouts are int milliseconds.
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw invalid(TIMEOUT, s.text(TIMEOUT), "must be at most about 24 days");
        }
        return d;
    }
}
