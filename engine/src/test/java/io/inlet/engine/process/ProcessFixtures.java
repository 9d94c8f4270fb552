package io.inlet.engine.process;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.SpoolWriter;
import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdict;
import io.inlet.engine.verdicts.VerdictService;
import io.inlet.engine.verdicts.Verdicts;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for messages, plans and verdicts used across the processing tests. */
final class ProcessFixtures {

    static final String HOST = "mx.inlet.test";

    static final String MESSAGE = String.join("\r\n",
            "From: Alice <alice@sender.example>",
            "To: Bob <bob@example.com>, \"Carol, C.\" <carol@example.com>",
            "Cc: dave@example.com",
            "Subject: Hello",
            "\tfolded world",
            "Date: Wed, 1 May 2024 09:59:58 +0000",
            "Message-ID: <abc@sender.example>",
            "Authentication-Results: mx.inlet.test; spf=pass (forged)",
            "Authentication-Results: other.example; dkim=pass",
            "Authentication-Results:",
            " (comment) MX.INLET.TEST; dkim=pass",
            " header.d=x",
            "MIME-Version: 1.0",
            "",
            "Body line one",
            "Authentication-Results: mx.inlet.test; in the body, untouched",
            "");

    /** The message as actions must see it below Inlet's headers: the forged A-R fields gone. */
    static final String MESSAGE_FILTERED = MESSAGE
            .replace("Authentication-Results: mx.inlet.test; spf=pass (forged)\r\n", "")
            .replace("Authentication-Results:\r\n (comment) MX.INLET.TEST; dkim=pass\r\n header.d=x\r\n", "");

    static final Verdicts PASSING = new Verdicts(Verdict.PASS, Verdict.GRAY, Verdict.GRAY, Verdict.DISABLED,
            Verdict.DISABLED, null, List.of(
            new Header("Received-SPF", "pass (spfCheck: domain of sender.example designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=alice@sender.example; helo=mx.sender.example;"),
            new Header("Authentication-Results", HOST + "; spf=pass (spfCheck: domain of sender.example designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=alice@sender.example; helo=mx.sender.example; dkim=none; dmarc=none header.from=sender.example;")));

    static final Verdicts DMARC_FAIL = new Verdicts(Verdict.FAIL, Verdict.FAIL, Verdict.FAIL, Verdict.PASS,
            Verdict.PASS, "reject", List.of(
            new Header("X-SES-Spam-Verdict", "PASS"),
            new Header("X-SES-Virus-Verdict", "PASS"),
            new Header("Authentication-Results", HOST + "; spf=fail; dkim=fail; dmarc=fail header.from=sender.example;")));

    static final ProcessingSettings FAST = new ProcessingSettings(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMinutes(5));

    private ProcessFixtures() {
    }

    static VerdictService fixed(Verdicts verdicts) {
        return (envelope, message, scan) -> verdicts;
    }

    static Envelope envelope(String mailFrom, List<String> recipients) {
        return new Envelope(mailFrom, recipients, "mx.sender.example", "192.0.2.10", null, null, HOST,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static ActionSpec action(String type, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new ActionSpec(type, params);
    }

    /** A rule whose entries each hold one member. */
    static ReceiptRule rule(String name, ActionSpec... actions) {
        List<ReceiptAction> entries = new ArrayList<>();
        for (ActionSpec a : actions) {
            entries.add(ReceiptAction.of(a));
        }
        return new ReceiptRule(name, true, TlsPolicy.Optional, false, List.of(), entries);
    }

    static RulePlan plan(int index, ReceiptRule rule, String... recipients) {
        return new RulePlan(index, rule, List.of(recipients));
    }

    static TenantPlan tenant(String account, RulePlan... rules) {
        return new TenantPlan(account, "us-east-1", "set-" + account, List.of(rules));
    }

    /** Spools {@code body} like an SMTP session would; returns the message ID. */
    static String spool(FileSpool spool, String body, Envelope envelope, TenantPlan... plans) throws Exception {
        return spool(spool, body.getBytes(StandardCharsets.UTF_8), envelope, plans);
    }

    static String spool(FileSpool spool, byte[] body, Envelope envelope, TenantPlan... plans) throws Exception {
        try (SpoolWriter writer = spool.begin()) {
            OutputStream out = writer.body(); // the writer owns it
            out.write(body);
            writer.commit(new AcceptedMessage(writer.messageId(), envelope, 1, List.of(plans), body.length));
            return writer.messageId();
        }
    }
}
