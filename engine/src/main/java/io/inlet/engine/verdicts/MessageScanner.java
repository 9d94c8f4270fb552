package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;

/** A spam or virus scanner daemon client. */
public interface MessageScanner {

    /**
     * Streams the message to the daemon. Never throws: an unreachable, slow or confused daemon is
     * {@link Verdict#PROCESSING_FAILED}; a message over the configured size is {@link Verdict#GRAY}
     * (not scanned, so no opinion).
     */
    Verdict scan(MessageBytes message);
}
