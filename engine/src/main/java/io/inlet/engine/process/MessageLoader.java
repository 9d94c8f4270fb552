package io.inlet.engine.process;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.spool.Journal;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.VerdictService;
import io.inlet.engine.verdicts.Verdicts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares a message for its actions. Verdicts and Inlet's headers are computed once and journaled
 * (as one durable record) before any action runs, so every attempt and every restart shows the
 * same headers and JSON (DNS answers change; a Received date must not).
 */
final class MessageLoader {

    private final Spool spool;
    private final VerdictService verdictService;

    MessageLoader(Spool spool, VerdictService verdictService) {
        this.spool = spool;
        this.verdictService = verdictService;
    }

    MessageState load(AcceptedMessage accepted, Journal journal) throws IOException {
        String id = accepted.messageId();
        MessageBytes file = spool.body(id);
        Optional<String> savedVerdicts = journal.get(JournalKeys.VERDICTS);
        Optional<String> savedHeaders = journal.get(JournalKeys.HEADERS);
        Verdicts verdicts = savedVerdicts.isPresent()
                ? JournalRecords.verdicts(savedVerdicts.get())
                : verdictService.evaluate(accepted.envelope(), file, scan(accepted));
        List<Header> inletHeaders = savedHeaders.isPresent()
                ? JournalRecords.headers(savedHeaders.get())
                : inletHeaders(accepted, verdicts);
        // one durable record for both (one fsync); verdicts first, so a torn write keeps at most them
        Map<String, String> record = new LinkedHashMap<>();
        if (savedVerdicts.isEmpty()) {
            record.put(JournalKeys.VERDICTS, JournalRecords.write(verdicts));
        }
        if (savedHeaders.isEmpty()) {
            record.put(JournalKeys.HEADERS, JournalRecords.write(inletHeaders));
        }
        journal.putAll(record);
        FilteredMessage body = new InboundHeaderFilter(accepted.envelope().receivedBy()).scan(file);
        ParsedHeaders original;
        try (InputStream in = body.open()) {
            original = HeaderParser.parse(in);
        }
        return new MessageState(accepted, verdicts, inletHeaders, body, original);
    }

    private static List<Header> inletHeaders(AcceptedMessage accepted, Verdicts verdicts) {
        List<Header> headers = new ArrayList<>(ReceivedHeaders.build(accepted.messageId(), accepted.envelope()));
        headers.addAll(verdicts.headers());
        return headers;
    }

    /** Spam and virus scanning are asked for when any rule that applies has ScanEnabled. */
    static boolean scan(AcceptedMessage accepted) {
        for (TenantPlan tenant : accepted.plans()) {
            for (RulePlan rule : tenant.rules()) {
                if (rule.rule().scanEnabled()) {
                    return true;
                }
            }
        }
        return false;
    }
}
