package io.inlet.actions.dsn;

import io.inlet.rules.spi.ActionContext;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.field.ParseException;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.BodyPart;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * The DSN a bounced message gets, as SES writes it (SES-RECEIVING Part 2 §3.2): {@code multipart/report;
 * report-type=delivery-status} with a fixed explanation, the {@code message/delivery-status} fields
 * and the original header block as {@code text/rfc822-headers}.
 *
 * <p>Written with Mime4j rather than Angus' {@code MultipartReport}: Angus needs the content
 * handlers of its {@code META-INF/mailcap}, which the shaded daemon jar keeps from one jar only;
 * Mime4j writes without any, and the engine already ships it.
 */
final class DsnMessage {

    static final String SUBJECT = "Delivery Status Notification (Failure)";
    /** SES's fixed text; the action's Message appears only in the Diagnostic-Code. */
    static final String EXPLANATION = "This message could not be delivered.";

    private static final BasicBodyFactory BODIES = BasicBodyFactory.INSTANCE;
    /** RFC 5322's limit, without the CRLF. */
    private static final int MAX_LINE = 998;

    private DsnMessage() {
    }

    /**
     * @param reportingMta    the daemon's host name (Reporting-MTA, and the Message-ID's domain)
     * @param now             the DSN's Date
     * @param originalHeaders the received message's header block, CRLF line ends
     */
    static void write(String reportingMta, Instant now, ActionContext context, BounceReason reason,
                      byte[] originalHeaders, OutputStream out) throws IOException, ParseException {
        byte[] status = DeliveryStatusFields.of(reportingMta, context.receivedAt(), context.recipients(), reason);
        MultipartBuilder report = MultipartBuilder.create("report")
                .addBodyPart(part(EXPLANATION.getBytes(StandardCharsets.US_ASCII), "Notification",
                        "text/plain", new NameValuePair("charset", "us-ascii")))
                .addBodyPart(part(status, "Delivery Status Notification", "message/delivery-status"))
                .addBodyPart(part(originalHeaders, "Undelivered Message", "text/rfc822-headers"));
        Message dsn = Message.Builder.of()
                .setDate(Date.from(now), TimeZone.getTimeZone("UTC"))
                .setFrom(reason.sender())
                .setTo(context.mailFrom())
                .generateMessageId(reportingMta)
                .setSubject(SUBJECT)
                .setBody(report.build())
                // after setBody, which sets its own Content-Type: SES's parameter order
                .setContentType("multipart/report", new NameValuePair("boundary", MimeUtil.createUniqueBoundary()),
                        new NameValuePair("report-type", "delivery-status"))
                .build();
        new DefaultMessageWriter().writeMessage(dsn, out);
    }

    /** A text body, so quoted-printable (when needed) keeps its line breaks. */
    private static BodyPart part(byte[] content, String description, String mimeType, NameValuePair... parameters) {
        return BodyPartBuilder.create()
                .setBody(BODIES.textBody(content, StandardCharsets.UTF_8))
                .setContentType(mimeType, parameters)
                .setContentTransferEncoding(transferEncoding(content))
                .setField(new RawField("Content-Description", description))
                .build();
    }

    /** 7bit when the bytes already are (ASCII, no NUL, short lines); quoted-printable otherwise. */
    static String transferEncoding(byte[] content) {
        int lineLength = 0;
        for (byte b : content) {
            if (b <= 0) {
                return MimeUtil.ENC_QUOTED_PRINTABLE;
            }
            lineLength = b == '\n' ? 0 : lineLength + 1;
            if (lineLength > MAX_LINE + 1) { // + 1: the CR of the line's CRLF
                return MimeUtil.ENC_QUOTED_PRINTABLE;
            }
        }
        return MimeUtil.ENC_7BIT;
    }
}
