package io.inlet.engine.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.engine.verdicts.Verdict;
import io.inlet.engine.verdicts.Verdicts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The SES {@code receipt} object (SES-RECEIVING.md §4.3) for one action of one rule. */
public final class ReceiptObjectBuilder {

    private ReceiptObjectBuilder() {
    }

    /**
     * @param now        when the action produces the notification
     * @param recipients the envelope recipients the rule matched
     * @param action     {@code receipt.action} as the plugin describes itself (§3.9)
     */
    public static ObjectNode build(Instant now, Instant receivedAt, List<String> recipients, Verdicts verdicts,
                                   Map<String, Object> action) {
        ObjectNode receipt = Json.MAPPER.createObjectNode();
        receipt.put("timestamp", IsoTime.format(now));
        // a JSON number, as in every SES sample (the DG table says string)
        receipt.put("processingTimeMillis", Math.max(0, now.toEpochMilli() - receivedAt.toEpochMilli()));
        ArrayNode list = receipt.putArray("recipients");
        recipients.forEach(list::add);
        status(receipt, "spamVerdict", verdicts.spam());
        status(receipt, "virusVerdict", verdicts.virus());
        status(receipt, "spfVerdict", verdicts.spf());
        status(receipt, "dkimVerdict", verdicts.dkim());
        status(receipt, "dmarcVerdict", verdicts.dmarc());
        if (verdicts.dmarcPolicy() != null) {
            receipt.put("dmarcPolicy", verdicts.dmarcPolicy());
        }
        receipt.set("action", Json.MAPPER.valueToTree(action == null ? Map.of() : action));
        return receipt;
    }

    private static void status(ObjectNode receipt, String key, Verdict verdict) {
        receipt.putObject(key).put("status", (verdict == null ? Verdict.PROCESSING_FAILED : verdict).name());
    }
}
