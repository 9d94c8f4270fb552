package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.MessageBytes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable message queue under the data directory. Its directories are the states of a
 * message (Postfix-style): being received, queued for processing, processed, dead-lettered
 * ({@link SpoolState}). A message leaves the queue only when processing completed every action
 * (it is then kept as processed for inspection until pruned) or dead-lettered it, and leaves the
 * spool only when pruned or deleted by an operator.
 */
public interface Spool extends AutoCloseable {

    /** Starts receiving one message; throws when the spool is full or cannot write. */
    SpoolWriter begin() throws SpoolException;

    /** IDs of the queued (accepted, unfinished, not dead) messages, oldest first. */
    List<String> queued();

    /** IDs of the messages in one state, oldest first. */
    List<String> ids(SpoolState state);

    /** The state of a message; empty when the spool does not hold it (or the ID is malformed). */
    Optional<SpoolState> state(String messageId);

    /** Metadata of a message in any state. */
    Optional<AcceptedMessage> metadata(String messageId);

    /** The message bytes exactly as received. */
    InputStream openBody(String messageId) throws IOException;

    /**
     * Where the message bytes exactly as received are: a range of the message's file, which holds
     * more after it (read-only for callers; read only the range).
     */
    MessageBytes body(String messageId) throws IOException;

    /** The processing journal of a message in any state. */
    Journal journal(String messageId) throws IOException;

    /**
     * Processing finished: the message leaves the queue. It is kept as {@link SpoolState#PROCESSED}
     * (the newest {@code keepProcessed}; older ones are pruned) or, when none are kept, removed with
     * its metadata and journal. Does nothing for a message that is not queued.
     */
    void complete(String messageId) throws IOException;

    /** Processing gave up: move the message to the dead-letter area with the reason. */
    void deadLetter(String messageId, String reason) throws IOException;

    List<DeadLetter> deadLetters();

    /** Why and when one message was dead-lettered; empty unless it is dead-lettered now. */
    default Optional<DeadLetter> findDeadLetter(String messageId) {
        return deadLetters().stream().filter(d -> d.messageId().equals(messageId)).findFirst();
    }

    /** Moves a dead-lettered message back to the queue (its journal kept: done actions are not redone). */
    void replay(String messageId) throws IOException;

    /** Removes a message in any state for good (operator action). */
    boolean delete(String messageId) throws IOException;

    /** Called with the ID of each message committed to (or replayed into) the queue. */
    void addQueueListener(Consumer<String> listener);

    /** Number and total bytes of the messages held (queued and dead; processed ones apart). */
    SpoolUsage usage();

    @Override
    void close();
}
