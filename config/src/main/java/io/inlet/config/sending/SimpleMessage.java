package io.inlet.config.sending;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.RawField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The MIME message SendEmail composes (with Mime4j): From = Source as given, To, Cc, Reply-To,
 * Subject in its Charset (an RFC 2047 word when not ASCII), and a text/plain or text/html body,
 * or multipart/alternative with both, each quoted-printable in its own Charset. Bcc recipients
 * get no header, only the envelope.
 */
final class SimpleMessage {

    /** One Content (Subject, Body.Text, Body.Html): its data and charset (UTF-8 when none given). */
    record Content(String data, Charset charset) {
    }

    private SimpleMessage() {
    }

    static byte[] compose(String messageId, Instant date, MailAddress source, List<MailAddress> to,
                          List<MailAddress> cc, List<MailAddress> replyTo, Content subject, Content text, Content html) {
        try {
            Message.Builder m = Message.Builder.of();
            m.setField(Fields.version("1.0"));
            m.setDate(Date.from(date));
            m.setMessageId("<" + messageId + "@email.inlet>");
            m.setFrom(source.mailbox());
            if (!to.isEmpty()) {
                m.setTo(mailboxes(to));
            }
            if (!cc.isEmpty()) {
                m.setCc(mailboxes(cc));
            }
            if (!replyTo.isEmpty()) {
                m.setReplyTo(mailboxes(replyTo));
            }
            m.setField(new RawField("Subject", encodedSubject(subject)));
            if (text != null && html != null) {
                // Mime4j sets Content-Type multipart/alternative with a fresh boundary.
                m.setBody(MultipartBuilder.create("alternative")
                        .addBodyPart(part(text, "plain")).addBodyPart(part(html, "html")).build());
            } else {
                Content only = text != null ? text : html;
                m.setBody(crlf(only.data()), text != null ? "plain" : "html", only.charset());
                m.setContentTransferEncoding("quoted-printable");
            }
            return DefaultMessageWriter.asBytes(m.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static org.apache.james.mime4j.dom.Entity part(Content c, String subtype) throws IOException {
        return BodyPartBuilder.create().setBody(crlf(c.data()), subtype, c.charset())
                .setContentTransferEncoding("quoted-printable").build();
    }

    private static List<Mailbox> mailboxes(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::mailbox).toList();
    }

    /** Plain when ASCII; else B-encoded words in the subject's own charset ("Subject: " is 9 characters). */
    static String encodedSubject(Content subject) {
        if (!EncoderUtil.hasToBeEncoded(subject.data(), 9)) {
            return subject.data();
        }
        return EncoderUtil.encodeEncodedWord(subject.data(), EncoderUtil.Usage.TEXT_TOKEN, 9, subject.charset(),
                EncoderUtil.Encoding.B);
    }

    /** Line breaks as CRLF, so quoted-printable encodes them as line breaks, not as =0A. */
    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }
}
