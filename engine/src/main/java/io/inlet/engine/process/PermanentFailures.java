package io.inlet.engine.process;

import io.inlet.rules.spi.PermanentFailureException;

/**
 * Which plugin exceptions retrying cannot fix: the SPI's {@link PermanentFailureException}, and
 * {@link UnsupportedOperationException} — what {@code ActionPlugin.execute}'s default throws for a
 * plugin that cannot run. {@link IllegalArgumentException} is deliberately not: libraries throw it
 * for transient states too.
 */
final class PermanentFailures {

    private PermanentFailures() {
    }

    static boolean isPermanent(Throwable t) {
        return t instanceof PermanentFailureException || t instanceof UnsupportedOperationException;
    }
}
