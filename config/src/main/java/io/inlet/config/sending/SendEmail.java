package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SendEmail: composes the message from Source, Destination, Message and ReplyToAddresses, checks
 * the reference's rules (addresses, at most 50 recipients, 10 MB, verified Source and ReturnPath
 * or sending authorization through SourceArn/ReturnPathArn) and queues it for delivery. The
 * envelope sender is the identity's custom MAIL FROM when verified ({@link CustomMailFrom}), else
 * ReturnPath when given, else Source.
 */
final class SendEmail implements ApiOperation {
    private final Sending sending;

    SendEmail(Sending sending) {
        this.sending = sending;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        QueryParams p = request.params();
        String sourceText = IdentityReferences.required(p, "Source", "source");
        if (!p.hasStructure("Destination")) {
            throw IdentityReferences.missing("destination");
        }
        if (!p.hasStructure("Message")) {
            throw IdentityReferences.missing("message");
        }
        if (!p.hasStructure("Message.Subject")) {
            throw IdentityReferences.missing("message.subject");
        }
        String subject = IdentityReferences.required(p, "Message.Subject.Data", "message.subject.data");
        if (!p.hasStructure("Message.Body")) {
            throw IdentityReferences.missing("message.body");
        }

        MailAddress source = MailAddress.parse(sourceText);
        List<MailAddress> to = addresses(p, "Destination.ToAddresses");
        List<MailAddress> cc = addresses(p, "Destination.CcAddresses");
        List<MailAddress> bcc = addresses(p, "Destination.BccAddresses");
        List<MailAddress> replyTo = addresses(p, "ReplyToAddresses");
        MailAddress returnPath = p.optional("ReturnPath").map(MailAddress::parse).orElse(null);
        List<MailAddress> recipients = new ArrayList<>(to);
        recipients.addAll(cc);
        recipients.addAll(bcc);
        SendingLimits.checkRecipients(recipients.size());

        SimpleMessage.Content text = content(p, "Message.Body.Text");
        SimpleMessage.Content html = content(p, "Message.Body.Html");
        if (text == null && html == null) {
            text = new SimpleMessage.Content("", StandardCharsets.UTF_8);
        }
        Instant now = sending.now();
        String messageId = Outbox.newMessageId(now.toEpochMilli());
        byte[] message = SimpleMessage.compose(messageId, now, source, to, cc, replyTo,
                new SimpleMessage.Content(subject, charset(p.get("Message.Subject.Charset"))), text, html);
        SendingLimits.checkSize(message.length);

        List<SendingAuthorization.Use> uses = new ArrayList<>();
        uses.add(new SendingAuthorization.Use(source, p.get("SourceArn")));
        if (returnPath != null) {
            uses.add(new SendingAuthorization.Use(returnPath, p.get("ReturnPathArn")));
        }
        String mailFrom = (returnPath != null ? returnPath : source).address();
        sending.send(request.scope(), "ses:SendEmail",
                new Sending.Outgoing(messageId, uses, mailFrom, source, recipients, message));
        result.element("MessageId", messageId);
    }

    private static List<MailAddress> addresses(QueryParams p, String prefix) {
        List<String> given = p.list(prefix);
        return given == null ? List.of() : given.stream().map(MailAddress::parse).toList();
    }

    private static SimpleMessage.Content content(QueryParams p, String prefix) {
        if (!p.hasStructure(prefix)) {
            return null;
        }
        String data = IdentityReferences.required(p, prefix + ".Data",
                prefix.replace("Message.Body.", "message.body.").toLowerCase(java.util.Locale.ROOT) + ".data");
        return new SimpleMessage.Content(data, charset(p.get(prefix + ".Charset")));
    }

    /** The Charset member; UTF-8 when absent (as SES defaults). */
    private static Charset charset(String name) {
        if (name == null || name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw SesException.invalidParameter("Unsupported charset: " + name);
        }
    }
}
