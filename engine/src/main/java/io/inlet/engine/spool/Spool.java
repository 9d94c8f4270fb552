package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable message queue under the data directory. Its directories are the states of a
 * message (Postfix-style): being received, queued for processing, dead-lettered. A message
 * leaves only when processing completed every action, or an operator deletes it.
 */
public interface Spool extends AutoCloseable {

    /** Starts receiving one message; throws when the spool is full or cannot write. */
    SpoolWriter begin() throws SpoolException;

    /** IDs of the queued (accepted, unfinished, not dead) messages, oldest first. */
    List<String> queued();

    /** Metadata of a queued or dead-lettered message. */
    Optional<AcceptedMessage> metadata(String messageId);

    /** The message bytes exactly as received. */
    InputStream openBody(String messageId) throws IOException;

    /** The file holding the message bytes exactly as received (read-only for callers). */
    java.nio.file.Path bodyFile(String messageId) throws IOException;

    /** The processing journal of a queued or dead-lettered message. */
    Journal journal(String messageId) throws IOException;

    /** Processing finished: remove the message, its metadata and journal. */
    void complete(String messageId) throws IOException;

    /** Processing gave up: move the message to the dead-letter area with the reason. */
    void deadLetter(String messageId, String reason) throws IOException;

    List<DeadLetter> deadLetters();

    /** Moves a dead-lettered message back to the queue (its journal kept: done actions are not redone). */
    void replay(String messageId) throws IOException;

    /** Removes a queued or dead-lettered message for good (operator action). */
    boolean delete(String messageId) throws IOException;

    /** Called with the ID of each message committed to (or replayed into) the queue. */
    void addQueueListener(Consumer<String> listener);

    /** Number and total bytes of the messages held (queued and dead). */
    SpoolUsage usage();

    @Override
    void close();
}
