package io.inlet.engine.process;

import io.inlet.engine.spool.Journal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The failure bookkeeping of one message in its journal: total attempts, the last error (with the
 * failing member's consecutive count, which drives the backoff), and the budget's start, which a
 * replay out of the dead-letter area moves to the replay time.
 */
final class FailureLog {

    private final Journal journal;
    private final Clock clock;

    FailureLog(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** Earlier consecutive failures of this member within the current budget. */
    int consecutive(ActionPosition position) {
        return lastError()
                .filter(e -> e.action().equals(position.key()))
                .filter(e -> !Instant.parse(e.at()).isBefore(budgetStart(Instant.EPOCH)))
                .map(JournalRecords.ErrorRecord::attempts)
                .orElse(0);
    }

    /** Records a failure; returns it with the member's consecutive count. */
    JournalRecords.ErrorRecord record(ActionFailure failure) throws IOException {
        int total = attempts() + 1;
        JournalRecords.ErrorRecord error = new JournalRecords.ErrorRecord(failure.position().key(),
                failure.type(), failure.rule(), failure.getMessage(), clock.instant().toString(),
                consecutive(failure.position()) + 1);
        journal.put(JournalKeys.ATTEMPTS, Integer.toString(total));
        journal.put(JournalKeys.LAST_ERROR, JournalRecords.write(error));
        return error;
    }

    int attempts() {
        return journal.get(JournalKeys.ATTEMPTS).map(Integer::parseInt).orElse(0);
    }

    Optional<JournalRecords.ErrorRecord> lastError() {
        return journal.get(JournalKeys.LAST_ERROR).map(JournalRecords::error);
    }

    /** The replay time when the message was replayed, else {@code receivedAt}. */
    Instant budgetStart(Instant receivedAt) {
        return journal.get(JournalKeys.BUDGET_FROM).map(Instant::parse).orElse(receivedAt);
    }

    /** A message dead-lettered before and running again was replayed: give it a fresh budget. */
    void startBudgetIfReplayed() throws IOException {
        Optional<Instant> dead = journal.get(JournalKeys.DEAD_LETTERED_AT).map(Instant::parse);
        if (dead.isEmpty()) {
            return;
        }
        Optional<Instant> from = journal.get(JournalKeys.BUDGET_FROM).map(Instant::parse);
        if (from.isEmpty() || from.get().isBefore(dead.get())) {
            journal.put(JournalKeys.BUDGET_FROM, clock.instant().toString());
        }
    }

    void markDeadLettered() throws IOException {
        journal.put(JournalKeys.DEAD_LETTERED_AT, clock.instant().toString());
    }
}
