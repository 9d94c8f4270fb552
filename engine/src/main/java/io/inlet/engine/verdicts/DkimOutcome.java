package io.inlet.engine.verdicts;

import java.util.List;

/**
 * The DKIM result of one message: the SES verdict plus one entry per DKIM-Signature field (empty
 * when the message is unsigned).
 */
public record DkimOutcome(Verdict verdict, List<DkimSignatureResult> signatures) {

    public DkimOutcome {
        signatures = List.copyOf(signatures);
    }

    static DkimOutcome failed() {
        return new DkimOutcome(Verdict.PROCESSING_FAILED, List.of());
    }
}
