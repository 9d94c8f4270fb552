package io.inlet.engine.inspect;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingStatus;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.MessageIds;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolState;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read and operator access to the messages in the spool, whatever their state (the inspection API
 * of DESIGN.md §2 step 5, without its HTTP). Messages move between states and may be pruned or
 * deleted while this looks at them: a message gone between two reads is simply not found.
 * Malformed IDs are never found (the spool refuses them before touching the file system).
 */
public final class MessageInspector {

    private final Spool spool;

    public MessageInspector(Spool spool) {
        this.spool = spool;
    }

    /**
     * Messages matching the query, newest first (IDs sort by acceptance time). Reads the metadata
     * of each candidate until the limit is reached, so a recipient filter over a long queue costs
     * one small file read per message.
     */
    public List<MessageSummary> list(MessageQuery query) {
        List<Candidate> candidates = new ArrayList<>();
        for (SpoolState state : SpoolState.values()) {
            if (query.state() == null || query.state() == state) {
                spool.ids(state).forEach(id -> candidates.add(new Candidate(id, state)));
            }
        }
        candidates.sort(Comparator.comparing(Candidate::id).reversed());
        List<MessageSummary> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (out.size() == query.limit()) {
                break;
            }
            Optional<AcceptedMessage> m = spool.metadata(c.id());
            if (m.isPresent() && matches(m.get(), query.recipient())) {
                out.add(summary(m.get(), c.state()));
            }
        }
        return out;
    }

    /** Envelope, plans with each action's status, verdicts and dead-letter reason of one message. */
    public Optional<MessageDetail> get(String messageId) throws IOException {
        Optional<SpoolState> state = spool.state(messageId);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<AcceptedMessage> accepted = spool.metadata(messageId);
            Optional<ProcessingStatus> status = MessageProcessor.status(spool, messageId);
            if (accepted.isEmpty() || status.isEmpty()) {
                return Optional.empty();
            }
            DeadLetter dead = spool.findDeadLetter(messageId).orElse(null);
            return Optional.of(DetailBuilder.build(accepted.get(), state.get(), status.get(), dead));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // pruned or deleted between the reads
        }
    }

    /** The bytes as received, open for streaming; the caller closes it. */
    public Optional<RawMessage> raw(String messageId) throws IOException {
        if (!MessageIds.isValid(messageId)) {
            return Optional.empty();
        }
        // two tries: the message may move to another state between locating and opening it
        for (int attempt = 0; ; attempt++) {
            try {
                MessageBytes body = spool.body(messageId);
                // the file holds the metadata after the message: only body.size() bytes are the message
                return Optional.of(new RawMessage(messageId, body.size(), body.openChannel()));
            } catch (NoSuchFileException e) {
                if (attempt > 0 || spool.state(messageId).isEmpty()) {
                    return Optional.empty();
                }
            }
        }
    }

    /** Removes a message in any state for good; false when there is no such message. */
    public boolean delete(String messageId) throws IOException {
        return spool.delete(messageId);
    }

    /** The dead-lettered messages, newest first. */
    public List<DeadLetterSummary> deadLetters(int limit) {
        List<DeadLetter> dead = new ArrayList<>(spool.deadLetters());
        dead.sort(Comparator.comparing(DeadLetter::messageId).reversed());
        List<DeadLetterSummary> out = new ArrayList<>();
        for (DeadLetter d : dead) {
            if (out.size() == limit) {
                break;
            }
            spool.metadata(d.messageId()).ifPresent(m -> out.add(new DeadLetterSummary(m.messageId(),
                    m.envelope().receivedAt(), m.envelope().mailFrom(), m.envelope().recipients(), m.size(),
                    d.reason(), d.deadAt())));
        }
        return out;
    }

    /**
     * Puts a dead-lettered message back in the queue; processing resumes at its first unfinished
     * action. False when the message is not dead-lettered (unknown, queued or processed).
     */
    public boolean replay(String messageId) throws IOException {
        if (spool.state(messageId).orElse(null) != SpoolState.DEAD) {
            return false;
        }
        try {
            spool.replay(messageId);
            return true;
        } catch (NoSuchFileException e) {
            return false; // replayed or deleted by someone else meanwhile
        }
    }

    private static boolean matches(AcceptedMessage m, String recipient) {
        return recipient == null || m.envelope().recipients().stream().anyMatch(recipient::equalsIgnoreCase);
    }

    private static MessageSummary summary(AcceptedMessage m, SpoolState state) {
        return new MessageSummary(m.messageId(), state, m.envelope().receivedAt(), m.envelope().mailFrom(),
                m.envelope().recipients(), m.size());
    }

    private record Candidate(String id, SpoolState state) {
    }
}
