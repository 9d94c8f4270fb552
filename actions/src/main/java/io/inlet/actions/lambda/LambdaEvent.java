package io.inlet.actions.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The event SES passes to a function (SES-RECEIVING Part 2 §3.3): the notification's {@code mail}
 * and {@code receipt} objects, unchanged and in their key order, wrapped in one {@code Records} entry.
 */
public final class LambdaEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvent() {
    }

    /** @param notificationJson the SES notification for this action, without {@code content} */
    public static String fromNotification(String notificationJson) throws IOException {
        JsonNode notification = JSON.readTree(notificationJson);
        JsonNode mail = notification == null ? null : notification.get("mail");
        JsonNode receipt = notification == null ? null : notification.get("receipt");
        if (mail == null || !mail.isObject() || receipt == null || !receipt.isObject()) {
            throw new IOException("the SES notification has no mail or receipt object");
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventSource", "aws:ses");
        record.put("eventVersion", "1.0");
        ObjectNode ses = record.putObject("ses");
        ses.set("mail", mail);
        ses.set("receipt", receipt);
        return JSON.writeValueAsString(root);
    }
}
