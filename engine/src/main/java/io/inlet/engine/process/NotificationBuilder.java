package io.inlet.engine.process;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The SES notification (SES-RECEIVING.md §4.1): {@code notificationType}, {@code mail},
 * {@code receipt} and, for SNS, {@code content}. The content is streamed from the message into the
 * generator, so only the JSON text itself is ever held.
 */
public final class NotificationBuilder {

    private NotificationBuilder() {
    }

    public static String build(ObjectNode mail, ObjectNode receipt, NotificationContent content,
                               MessageContent message) throws IOException {
        StringWriter out = new StringWriter(content == NotificationContent.NONE ? 4096
                : (int) Math.min(Integer.MAX_VALUE - 16, 4096 + message.size() * 4 / 3));
        write(mail, receipt, content, message, out);
        return out.toString();
    }

    public static void write(ObjectNode mail, ObjectNode receipt, NotificationContent content,
                             MessageContent message, Writer out) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeStringField("notificationType", "Received");
            json.writeFieldName("mail");
            json.writeTree(mail);
            json.writeFieldName("receipt");
            json.writeTree(receipt);
            if (content == NotificationContent.UTF8) {
                json.writeFieldName("content");
                try (Reader text = utf8(message.open())) {
                    json.writeString(text, -1);
                }
            } else if (content == NotificationContent.BASE64) {
                json.writeFieldName("content");
                try (InputStream bytes = message.open()) {
                    json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, -1);
                }
            }
            json.writeEndObject();
        }
    }

    /** Lenient UTF-8: an 8-bit message in another charset still yields text (U+FFFD for bad bytes). */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
