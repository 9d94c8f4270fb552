package io.inlet.engine.verdicts;

/** SES verdict statuses (SES-RECEIVING.md §4.4). */
public enum Verdict {
    PASS,
    FAIL,
    GRAY,
    PROCESSING_FAILED,
    DISABLED
}
