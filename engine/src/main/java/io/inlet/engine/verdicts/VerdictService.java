package io.inlet.engine.verdicts;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.MessageBytes;

/**
 * Computes SPF, DKIM and DMARC for every message, and spam/virus when asked and a scanner is
 * configured. Never throws for a DNS or scanner failure: that is {@code PROCESSING_FAILED}.
 */
public interface VerdictService {

    /**
     * @param message the message exactly as received
     * @param scan    whether any applying rule has ScanEnabled
     */
    Verdicts evaluate(Envelope envelope, MessageBytes message, boolean scan);
}
