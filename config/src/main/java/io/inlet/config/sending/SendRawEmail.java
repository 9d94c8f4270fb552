package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * SendRawEmail: the client's message, sent as it is but for the header fields SES consumes: the
 * X-SES-SOURCE-ARN, X-SES-FROM-ARN and X-SES-RETURN-PATH-ARN headers (a parameter of the same
 * meaning wins over its header) are honoured then removed, as are Bcc (recipients must not see
 * it) and Return-Path (the receiving MTA writes it). Message-ID and Date are added when missing.
 * Source defaults to the From header; recipients are Destinations, else the To, Cc and Bcc
 * headers (groups flattened).
 */
final class SendRawEmail implements ApiOperation {
    private static final List<String> CONSUMED = List.of("X-SES-SOURCE-ARN", "X-SES-FROM-ARN",
            "X-SES-RETURN-PATH-ARN", "X-SES-CONFIGURATION-SET", "X-SES-MESSAGE-TAGS", "Bcc", "Return-Path");

    private final Sending sending;

    SendRawEmail(Sending sending) {
        this.sending = sending;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        QueryParams p = request.params();
        if (!p.hasStructure("RawMessage")) {
            throw IdentityReferences.missing("rawMessage");
        }
        String data = IdentityReferences.required(p, "RawMessage.Data", "rawMessage.data");
        byte[] raw;
        try {
            // The MIME decoder skips line breaks, which the reference's own example has.
            raw = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw SesException.invalidParameter("RawMessage.Data is not valid base64.");
        }
        SendingLimits.checkSize(raw.length);
        RawMessage message = RawMessage.parse(raw);

        Optional<MailAddress> from = message.header("From").map(SendRawEmail::firstMailbox);
        MailAddress source = p.optional("Source").map(MailAddress::parse)
                .or(() -> from)
                .orElseThrow(() -> SendingLimits.rejected("Source not specified"));
        List<MailAddress> recipients = recipients(p, message);
        SendingLimits.checkRecipients(recipients.size());

        String sourceArn = p.optional("SourceArn").or(() -> message.header("X-SES-SOURCE-ARN")).orElse(null);
        String fromArn = p.optional("FromArn").or(() -> message.header("X-SES-FROM-ARN")).orElse(null);
        List<SendingAuthorization.Use> uses = new ArrayList<>();
        uses.add(new SendingAuthorization.Use(source, sourceArn));
        if (from.isPresent() && !from.get().address().equals(source.address())) {
            uses.add(new SendingAuthorization.Use(from.get(), fromArn != null ? fromArn : sourceArn));
        }

        CONSUMED.forEach(message::remove);
        Instant now = sending.now();
        String messageId = Outbox.newMessageId(now.toEpochMilli());
        message.addIfAbsent("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
        message.addIfAbsent("Message-ID", "<" + messageId + "@email.inlet>");
        byte[] bytes = message.toBytes();
        SendingLimits.checkSize(bytes.length);

        sending.send(request.scope(), "ses:SendRawEmail",
                new Sending.Outgoing(messageId, uses, source.address(), from.orElse(source), recipients, bytes));
        result.element("MessageId", messageId);
    }

    private static List<MailAddress> recipients(QueryParams p, RawMessage message) {
        List<String> destinations = p.list("Destinations");
        if (destinations != null && !destinations.isEmpty()) {
            return destinations.stream().map(MailAddress::parse).toList();
        }
        List<MailAddress> out = new ArrayList<>();
        for (String name : List.of("To", "Cc", "Bcc")) {
            for (String value : message.headers(name)) {
                try {
                    for (Mailbox m : DefaultAddressParser.DEFAULT.parseAddressList(value).flatten()) {
                        out.add(MailAddress.parse(m.getAddress()));
                    }
                } catch (ParseException e) {
                    throw MailAddress.illegal();
                }
            }
        }
        return out;
    }

    private static MailAddress firstMailbox(String fromHeader) {
        try {
            var list = DefaultAddressParser.DEFAULT.parseAddressList(fromHeader).flatten();
            if (list.isEmpty()) {
                throw MailAddress.illegal();
            }
            Mailbox first = list.get(0);
            return new MailAddress(fromHeader, MailAddress.parse(first.getAddress()).address(), first);
        } catch (ParseException e) {
            throw MailAddress.illegal();
        }
    }
}
