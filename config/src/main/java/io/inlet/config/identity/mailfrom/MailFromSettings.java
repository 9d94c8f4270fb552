package io.inlet.config.identity.mailfrom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

import java.util.Optional;

/**
 * The custom MAIL FROM setup of one identity, stored as its {@code mailFrom} attribute. The
 * sending code ({@code io.inlet.config.sending.CustomMailFrom}) reads it with {@link #of}: use
 * {@link #domain} as the envelope sender's domain when {@link #status} is Success; otherwise
 * follow {@link #behaviorOnMxFailure}
 * (the default MAIL FROM, or reject with MailFromDomainNotVerified).
 *
 * @param domain              the MAIL FROM domain, null when none is set (the setting cleared)
 * @param behaviorOnMxFailure {@code UseDefaultValue} or {@code RejectMessage}
 * @param status              MailFromDomainStatus: Pending, Success, Failed or TemporaryFailure; null without domain
 * @param setAt               epoch milliseconds of the SetIdentityMailFromDomain that set the domain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailFromSettings(String domain, String behaviorOnMxFailure, String status, Long setAt) {

    /** The attribute name in the store. */
    public static final String ATTRIBUTE = "mailFrom";
    public static final String USE_DEFAULT_VALUE = "UseDefaultValue";
    public static final String REJECT_MESSAGE = "RejectMessage";
    /** An identity never configured: no custom domain, the default behaviour (moto M-MF-02). */
    public static final MailFromSettings DEFAULTS = new MailFromSettings(null, USE_DEFAULT_VALUE, null, null);

    private static final ObjectMapper JSON = new ObjectMapper();

    public static MailFromSettings of(StoreTransaction tx, Scope scope, String identity) {
        return stored(tx, scope, identity).orElse(DEFAULTS);
    }

    static Optional<MailFromSettings> stored(StoreTransaction tx, Scope scope, String identity) {
        return tx.identityAttribute(scope, identity, ATTRIBUTE).map(MailFromSettings::fromJson);
    }

    MailFromSettings withStatus(String next) {
        return new MailFromSettings(domain, behaviorOnMxFailure, next, setAt);
    }

    static MailFromSettings fromJson(String json) {
        try {
            return JSON.readValue(json, MailFromSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored MAIL FROM settings are not readable: " + json, e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
