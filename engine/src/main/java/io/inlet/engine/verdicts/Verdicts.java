package io.inlet.engine.verdicts;

import java.util.List;

/**
 * The receipt verdicts of one message and the header fields that report them, computed once per
 * message and then reused by every rule and action.
 *
 * @param dmarcPolicy {@code none}, {@code quarantine} or {@code reject} when DMARC failed; null otherwise
 * @param headers     in the order they are prepended below {@code Return-Path} and {@code Received}:
 *                    {@code X-SES-Spam-Verdict} and {@code X-SES-Virus-Verdict} (only when scanned),
 *                    {@code Received-SPF}, {@code Authentication-Results}
 */
public record Verdicts(Verdict spf, Verdict dkim, Verdict dmarc, Verdict spam, Verdict virus,
                       String dmarcPolicy, List<Header> headers) {
    public Verdicts {
        headers = List.copyOf(headers);
    }
}
