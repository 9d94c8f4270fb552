package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SendBounce (issue 6 item 5): a DSN for a message the daemon received in the last 24 hours
 * (and for the caller's account and region), from BounceSender (verified, or authorized through
 * BounceSenderArn) to the original envelope sender, with the null envelope sender. The DSN is
 * built from MessageDsn and BouncedRecipientInfoList: a recipient's RecipientDsnFields when given,
 * else its BounceType mapped to a status code.
 */
final class SendBounce implements ApiOperation {
    static final Duration WINDOW = Duration.ofHours(24);
    static final Map<String, String> STATUS = Map.of(
            "DoesNotExist", "5.1.1",
            "MessageTooLarge", "5.3.4",
            "ExceededQuota", "5.2.2",
            "ContentRejected", "5.3.0",
            "Undefined", "5.0.0",
            "TemporaryFailure", "4.0.0");
    private static final List<String> BOUNCE_TYPES = List.of("DoesNotExist", "MessageTooLarge", "ExceededQuota",
            "ContentRejected", "Undefined", "TemporaryFailure");
    private static final List<String> ACTIONS = List.of("failed", "delayed", "delivered", "relayed", "expanded");
    private static final Pattern STATUS_CODE = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    private final Sending sending;
    private final ReceivedMessages received;

    SendBounce(Sending sending, ReceivedMessages received) {
        this.sending = sending;
        this.received = received;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        QueryParams p = request.params();
        String originalId = IdentityReferences.required(p, "OriginalMessageId", "originalMessageId");
        String senderText = IdentityReferences.required(p, "BounceSender", "bounceSender");
        if (!p.hasStructure("BouncedRecipientInfoList")) {
            throw IdentityReferences.missing("bouncedRecipientInfoList");
        }
        List<QueryParams> infos = p.structureList("BouncedRecipientInfoList");
        if (infos.isEmpty()) {
            throw SesException.invalidParameter("BouncedRecipientInfoList must contain at least one recipient.");
        }
        MailAddress sender = MailAddress.parse(senderText);
        List<BounceDsn.Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            recipients.add(recipient(infos.get(i), "bouncedRecipientInfoList." + (i + 1) + ".member"));
        }
        String explanation = p.optional("Explanation").orElse(null);

        QueryParams dsn = p.hasStructure("MessageDsn") ? p.structure("MessageDsn") : null;
        String reportingMta = null;
        Instant arrivalDate = null;
        List<BounceDsn.Field> messageFields = List.of();
        if (dsn != null) {
            reportingMta = headerValue(IdentityReferences.required(dsn, "ReportingMta", "messageDsn.reportingMta"));
            arrivalDate = dsn.optional("ArrivalDate").map(SendBounce::instant).orElse(null);
            messageFields = extensions(dsn);
        }

        Instant now = sending.now();
        ReceivedMessages.Received original = received.find(originalId)
                .filter(r -> r.tenants().isEmpty() || r.tenants().contains(request.scope()))
                .filter(r -> !r.receivedAt().isBefore(now.minus(WINDOW)))
                .orElseThrow(() -> SendingLimits.rejected("Could not find the original message with ID " + originalId
                        + " received by Amazon SES in the last 24 hours."));
        if (original.mailFrom() == null || original.mailFrom().isEmpty()) {
            throw SendingLimits.rejected("The original message has no sender (null reverse-path) to bounce to.");
        }
        if (reportingMta == null) {
            reportingMta = original.receivedBy() != null ? original.receivedBy() : "email.inlet";
        }
        if (arrivalDate == null) {
            arrivalDate = original.receivedAt();
        }
        if (explanation == null) {
            explanation = defaultExplanation(recipients);
        }

        String messageId = Outbox.newMessageId(now.toEpochMilli());
        byte[] message = BounceDsn.compose(messageId, now, senderText.trim(), original.mailFrom(), explanation,
                reportingMta, arrivalDate, messageFields, recipients, original.headersText());
        SendingLimits.checkSize(message.length);
        sending.sendBounce(request.scope(), new SendingAuthorization.Use(sender, p.get("BounceSenderArn")),
                original.mailFrom(), message);
        result.element("MessageId", messageId);
    }

    private static BounceDsn.Recipient recipient(QueryParams info, String path) {
        String recipient = IdentityReferences.required(info, "Recipient", path + ".recipient");
        MailAddress address = MailAddress.parse(recipient);
        String bounceType = info.get("BounceType");
        if (bounceType != null && !BOUNCE_TYPES.contains(bounceType)) {
            throw SesException.validation("1 validation error detected: Value '" + bounceType + "' at '" + path
                    + ".bounceType' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + String.join(", ", BOUNCE_TYPES) + "]");
        }
        if (!info.hasStructure("RecipientDsnFields")) {
            if (bounceType == null) {
                throw SesException.invalidParameter("Either BounceType or RecipientDsnFields must be specified for "
                        + "recipient " + recipient + ".");
            }
            return new BounceDsn.Recipient(address.address(), "failed", STATUS.get(bounceType), null, null, null,
                    List.of());
        }
        QueryParams f = info.structure("RecipientDsnFields");
        String fieldsPath = path + ".recipientDsnFields";
        String action = IdentityReferences.required(f, "Action", fieldsPath + ".action").toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
            throw SesException.validation("1 validation error detected: Value '" + f.get("Action") + "' at '"
                    + fieldsPath + ".action' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + String.join(", ", ACTIONS) + "]");
        }
        String status = IdentityReferences.required(f, "Status", fieldsPath + ".status").trim();
        if (!STATUS_CODE.matcher(status).matches()) {
            throw SesException.invalidParameter("Invalid status code: " + status);
        }
        String finalRecipient = f.optional("FinalRecipient").map(SendBounce::headerValue).orElse(address.address());
        return new BounceDsn.Recipient(finalRecipient, action, status,
                f.optional("RemoteMta").map(SendBounce::headerValue).orElse(null),
                f.optional("DiagnosticCode").map(SendBounce::headerValue).orElse(null),
                f.optional("LastAttemptDate").map(SendBounce::instant).orElse(null),
                extensions(f));
    }

    private static List<BounceDsn.Field> extensions(QueryParams structure) {
        List<BounceDsn.Field> out = new ArrayList<>();
        for (QueryParams e : structure.structureList("ExtensionFields")) {
            String name = Optional.ofNullable(e.get("Name")).orElse("").trim();
            if (!FIELD_NAME.matcher(name).matches()) {
                throw SesException.invalidParameter("Invalid extension field name: " + name);
            }
            out.add(new BounceDsn.Field(name, headerValue(Optional.ofNullable(e.get("Value")).orElse(""))));
        }
        return out;
    }

    /** A value written in a DSN field: one line of printable ASCII. */
    private static String headerValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e || (c < 0x20 && c != '\t')) {
                throw SesException.invalidParameter("Invalid DSN field value: only printable ASCII is allowed.");
            }
        }
        return value.trim();
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw SesException.invalidParameter("Invalid date: " + text);
        }
    }

    private static String defaultExplanation(List<BounceDsn.Recipient> recipients) {
        StringBuilder b = new StringBuilder("The message could not be delivered to the following recipient(s):\n");
        for (BounceDsn.Recipient r : recipients) {
            b.append('\n').append("  ").append(r.finalRecipient()).append(" (status ").append(r.status()).append(")");
        }
        return b.append('\n').toString();
    }
}
