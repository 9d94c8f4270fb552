package io.inlet.config.identity.dkim;

import io.inlet.config.identity.IdentityStatus;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

import java.util.List;
import java.util.Optional;

/**
 * The Easy DKIM state of one identity, stored as its {@code dkim} attribute in the shared store
 * (so every node signs with the same keys and none keeps them on its own disk).
 *
 * <p>For a domain set up with VerifyDomainDkim: {@code keys} holds the three tokens with their
 * private keys, {@code status} the DkimVerificationStatus and {@code startedAt} when checking began
 * (epoch ms; the 72-hour limit counts from it). For an address, only {@code enabled} may be set:
 * its keys are its domain's.
 *
 * <p><b>For the outbound signer</b> ({@code io.inlet.config.sending.DkimSigning}): for a message
 * from {@code user@example.com}, read {@code of(tx, scope, "user@example.com")} and
 * {@code of(tx, scope, "example.com")}; sign when
 * the identity used is DKIM-enabled ({@link #enabled}, an address inheriting its domain's when it
 * has none of its own) and the domain's {@link #isVerified()}; use {@code keys().get(0)}: selector
 * {@link DkimKey#token()}, {@code d=example.com}, key {@link DkimKey#privateKey()}, rsa-sha256.
 *
 * @param enabled   DkimEnabled as set; null = never set (a domain with keys defaults to true)
 * @param status    DkimVerificationStatus of a domain with keys; null otherwise
 * @param startedAt epoch milliseconds when verification (re)started; null without keys
 * @param keys      the three keys of a domain; null for an address (or a domain only disabled)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DkimSettings(Boolean enabled, String status, Long startedAt, List<DkimKey> keys) {

    /** The attribute name in the store. */
    public static final String ATTRIBUTE = "dkim";
    /** SES returns three tokens. */
    static final int KEYS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    public DkimSettings {
        keys = keys == null ? null : List.copyOf(keys);
    }

    /** The identity's DKIM state, empty when it never had any. */
    public static Optional<DkimSettings> of(StoreTransaction tx, Scope scope, String identity) {
        return tx.identityAttribute(scope, identity, ATTRIBUTE).map(DkimSettings::fromJson);
    }

    /** Whether VerifyDomainDkim set this domain up (it has keys). */
    @JsonIgnore
    public boolean isSetUp() {
        return keys != null && !keys.isEmpty();
    }

    /** Whether the selector records were found in DNS (or auto mode verified them). */
    @JsonIgnore
    public boolean isVerified() {
        return isSetUp() && IdentityStatus.SUCCESS.equals(status);
    }

    /** DkimEnabled of a domain: as set, true by default once set up (SES: "DkimEnabled defaults to true"). */
    public boolean enabledOrDefault() {
        return enabled != null ? enabled : isSetUp();
    }

    DkimSettings withEnabled(boolean on) {
        return new DkimSettings(on, status, startedAt, keys);
    }

    DkimSettings withStatus(String next) {
        return new DkimSettings(enabled, next, startedAt, keys);
    }

    static DkimSettings fromJson(String json) {
        try {
            return JSON.readValue(json, DkimSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored DKIM settings are not readable", e);
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
