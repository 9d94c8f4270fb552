package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.rules.spi.OutboundMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Email address verification in {@code dns} mode (SES-RECEIVING.md §7.3): VerifyEmailIdentity /
 * VerifyEmailAddress store a random confirmation token in the address's record
 * ({@link IdentityRecord#verificationToken()}, never returned by the API for addresses) and queue a
 * message with a link to the daemon ({@code <public-url>/_inlet/verify?...}); following the link
 * within {@link #VALIDITY} turns the address from Pending to Success; after that it is Failed.
 */
public final class EmailVerification {
    /** How long a confirmation link is valid, as in SES. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    /** The path of the (unauthenticated) confirmation link. */
    public static final String PATH = "/_inlet/verify";

    private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What following a confirmation link did. */
    public enum Outcome {
        /** The address is now verified. */
        CONFIRMED,
        /** It was verified already (the link was followed twice). */
        ALREADY_VERIFIED,
        /** The link is older than {@link #VALIDITY} (or verification failed): verify again. */
        EXPIRED,
        /** Unknown address, wrong or missing token, or a link replaced by a newer one. */
        INVALID
    }

    private final Store store;
    private final OutboundMail outbound;
    private final String sender;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    /**
     * @param outbound  the daemon's outbound queue; null: no mail is sent (the link still works)
     * @param sender    envelope sender and From of the confirmation messages
     * @param publicUrl base URL of the API as recipients' browsers reach it, e.g. {@code https://ses.example.com}
     */
    public EmailVerification(Store store, OutboundMail outbound, String sender, String publicUrl, Clock clock) {
        this(store, outbound, sender, () -> publicUrl, clock);
    }

    /** {@code publicUrl} asked for each message (the API's port may be known only once it listens). */
    public EmailVerification(Store store, OutboundMail outbound, String sender, Supplier<String> publicUrl, Clock clock) {
        this.store = store;
        this.outbound = outbound;
        this.sender = sender;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** A new confirmation token: 32 random bytes, URL-safe base64 without padding. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a Pending address record is past its confirmation window at {@code now}. */
    static boolean expired(IdentityRecord record, Instant now) {
        return now.isAfter(record.createdAt().plus(VALIDITY));
    }

    /** The confirmation link of a record. */
    public String link(Scope scope, IdentityRecord record) {
        String base = publicUrl.get();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base + PATH + "?account=" + enc(scope.accountId()) + "&region=" + enc(scope.region())
                + "&identity=" + enc(record.identity()) + "&token=" + enc(record.verificationToken());
    }

    /** Queues the confirmation message for a Pending address record that has a token. */
    void send(Scope scope, IdentityRecord record) {
        if (outbound == null || record.verificationToken() == null) {
            return;
        }
        byte[] message = message(scope, record);
        try {
            String id = outbound.enqueue(sender, List.of(record.identity()), new ByteArrayInputStream(message));
            log.info("queued verification mail {} to <{}>", id, record.identity());
        } catch (Exception e) {
            // The identity stays Pending; calling Verify again sends the message again.
            log.warn("cannot queue the verification mail to <{}>", record.identity(), e);
        }
    }

    byte[] message(Scope scope, IdentityRecord record) {
        String link = link(scope, record);
        String subject = "Inlet - Email Address Verification Request in region " + scope.region();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock));
        String domain = sender.contains("@") ? sender.substring(sender.indexOf('@') + 1) : "localhost";
        String body = "Dear Inlet customer,\r\n\r\n"
                + "We have received a request to authorize this email address for use with Inlet (Amazon SES\r\n"
                + "semantics) in region " + scope.region() + ". If you requested this verification, please go\r\n"
                + "to the following URL to confirm that you are authorized to use this email address:\r\n\r\n"
                + link + "\r\n\r\n"
                + "Your request will not be processed unless you confirm the address using this URL. This link\r\n"
                + "expires 24 hours after your original verification request.\r\n\r\n"
                + "If you did NOT request to verify this email address, do not click on the link.\r\n";
        String headers = "From: " + sender + "\r\n"
                + "To: " + record.identity() + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + domain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "Auto-Submitted: auto-generated\r\n\r\n";
        return (headers + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Follows a confirmation link: marks the address verified when the token matches (compared in
     * constant time) and the link is within {@link #VALIDITY}.
     */
    public Outcome confirm(String accountId, String region, String identity, String token) {
        if (accountId == null || region == null || identity == null || token == null || token.isEmpty()) {
            return Outcome.INVALID;
        }
        Optional<String> address = IdentityNames.emailAddress(identity);
        if (address.isEmpty()) {
            return Outcome.INVALID;
        }
        Scope scope = new Scope(accountId, region);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return store.write(tx -> {
            Optional<IdentityRecord> found = tx.identity(scope, address.get());
            if (found.isEmpty() || found.get().isDomain() || found.get().verificationToken() == null) {
                return Outcome.INVALID;
            }
            IdentityRecord record = found.get();
            boolean matches = MessageDigest.isEqual(record.verificationToken().getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
            if (!matches) {
                return Outcome.INVALID;
            }
            if (IdentityStatus.SUCCESS.equals(record.status())) {
                return Outcome.ALREADY_VERIFIED;
            }
            if (!IdentityStatus.PENDING.equals(record.status()) || expired(record, now)) {
                return Outcome.EXPIRED;
            }
            tx.upsertIdentity(scope, record.withStatus(IdentityStatus.SUCCESS));
            return Outcome.CONFIRMED;
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
