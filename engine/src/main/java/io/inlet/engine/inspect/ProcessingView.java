package io.inlet.engine.inspect;

import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdicts;

import java.time.Instant;
import java.util.List;

/**
 * Message-wide processing facts from the journal (per-action facts are in {@link ActionView}).
 *
 * @param verdicts       null until computed
 * @param inletHeaders   the headers Inlet prepends for the actions; empty until built
 * @param attempts       failed attempts so far, all actions together
 * @param lastError      the latest failure; null when none
 * @param deadLetteredAt when it was last dead-lettered (kept after a replay); null if never
 */
public record ProcessingView(Verdicts verdicts, List<Header> inletHeaders, int attempts, String lastError,
                             Instant lastErrorAt, Instant deadLetteredAt) {
    public ProcessingView {
        inletHeaders = List.copyOf(inletHeaders);
    }
}
