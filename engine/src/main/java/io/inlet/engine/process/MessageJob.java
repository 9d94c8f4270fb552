package io.inlet.engine.process;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.spool.Journal;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.verdicts.Verdicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One attempt at a message: load it, walk its plans, and decide what comes next — complete,
 * retry later, dead-letter, or leave it for the next start. The processor performs the spool
 * operation the decision names. Kept between attempts so the parsed message is reused.
 */
final class MessageJob {

    private static final Logger LOG = LoggerFactory.getLogger(MessageJob.class);

    enum Kind { COMPLETE, RETRY, DEAD, STOPPED, GONE }

    /** @param delay for RETRY; @param reason for DEAD */
    record Result(Kind kind, Duration delay, String reason) {
        static Result of(Kind kind) {
            return new Result(kind, Duration.ZERO, null);
        }
    }

    /** What every job shares. */
    record Deps(Spool spool, MessageLoader loader, RuleExecutor executor, RetryPolicy retry, Clock clock,
                BooleanSupplier stopping, ProcessingMetrics metrics) {
    }

    private final String id;
    private final Deps deps;
    private MessageState state;
    private RunSummary summary;
    private int infrastructureFailures;

    MessageJob(String id, Deps deps) {
        this.id = id;
        this.deps = deps;
    }

    String id() {
        return id;
    }

    Result run() {
        if (deps.stopping().getAsBoolean()) {
            return Result.of(Kind.STOPPED);
        }
        Optional<AcceptedMessage> accepted = deps.spool().metadata(id);
        if (accepted.isEmpty()) {
            return Result.of(Kind.GONE); // deleted by an operator meanwhile
        }
        FailureLog failures = null;
        try {
            Journal journal = deps.spool().journal(id);
            failures = new FailureLog(journal, deps.clock());
            failures.startBudgetIfReplayed();
            if (state == null) {
                state = deps.loader().load(accepted.get(), journal);
            }
            summary = deps.executor().execute(state, journal, failures, deps.stopping());
            return Result.of(Kind.COMPLETE);
        } catch (ProcessingStopped e) {
            return Result.of(Kind.STOPPED);
        } catch (ActionFailure f) {
            return deps.stopping().getAsBoolean() ? Result.of(Kind.STOPPED) : actionFailed(f, failures, accepted.get());
        } catch (IOException | RuntimeException e) {
            return deps.stopping().getAsBoolean() ? Result.of(Kind.STOPPED) : infrastructureFailed(e, accepted.get());
        }
    }

    private Result actionFailed(ActionFailure f, FailureLog failures, AcceptedMessage accepted) {
        try {
            JournalRecords.ErrorRecord error = failures.record(f);
            if (f.permanent()) {
                LOG.error("message {}: {} failed permanently: {}", id, f.type(), f.getMessage(), f.getCause());
                return dead(failures, "permanent failure: " + f.describe());
            }
            Instant now = deps.clock().instant();
            Instant budgetStart = failures.budgetStart(accepted.envelope().receivedAt());
            Optional<Duration> next = deps.retry().next(now, error.attempts(), budgetStart);
            if (next.isEmpty()) {
                LOG.error("message {}: {} still failing after {} attempts, retry budget spent: {}", id, f.type(),
                        error.attempts(), f.getMessage(), f.getCause());
                return dead(failures, "gave up after " + error.attempts() + " attempts since " + budgetStart
                        + ": " + f.describe());
            }
            LOG.warn("message {}: attempt {} failed, retrying in {} ms: {}", id, error.attempts(),
                    next.get().toMillis(), f.describe());
            return new Result(Kind.RETRY, next.get(), null);
        } catch (IOException | RuntimeException e) {
            return infrastructureFailed(e, accepted);
        }
    }

    /** The spool, journal or verdict service failed, not an action: retry with backoff, in memory only. */
    private Result infrastructureFailed(Exception e, AcceptedMessage accepted) {
        infrastructureFailures++;
        Duration delay = deps.retry().delay(infrastructureFailures);
        LOG.warn("message {}: processing failed (attempt {}), retrying in {} ms", id, infrastructureFailures,
                delay.toMillis(), e);
        Instant now = deps.clock().instant();
        if (deps.retry().next(now, infrastructureFailures, accepted.envelope().receivedAt()).isEmpty()) {
            return new Result(Kind.DEAD, Duration.ZERO, "processing failed: " + ActionFailure.errorText(e));
        }
        return new Result(Kind.RETRY, delay, null);
    }

    private Result dead(FailureLog failures, String reason) throws IOException {
        failures.markDeadLettered();
        return new Result(Kind.DEAD, Duration.ZERO, reason);
    }

    /** The one INFO line of a finished message, and its processing latency (accept → last action). */
    void logDone() {
        AcceptedMessage m = state.accepted();
        Verdicts v = state.verdicts();
        long total = deps.clock().millis() - m.envelope().receivedAt().toEpochMilli();
        deps.metrics().processed(Duration.ofMillis(total));
        LOG.info("message {} processed: recipients={} verdicts=spf:{},dkim:{},dmarc:{},spam:{},virus:{} rules: {} total={}ms",
                id, m.envelope().recipients(), v.spf(), v.dkim(), v.dmarc(), v.spam(), v.virus(), summary, total);
    }
}
