package io.inlet.engine.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdicts;
import io.inlet.rules.spi.MessageContent;

import java.util.ArrayList;
import java.util.List;

/**
 * What processing knows about one message in memory: the journaled verdicts and Inlet headers,
 * the filtered body, its parsed header block, and the headers actions added. Headers added by the
 * running action stay pending until it succeeds, so a failed attempt leaves no trace.
 */
final class MessageState {

    private final AcceptedMessage accepted;
    private final Verdicts verdicts;
    private final List<Header> inletHeaders;
    private final FilteredMessage body;
    private final ParsedHeaders original;

    private final List<Header> added = new ArrayList<>();
    private final List<Header> pending = new ArrayList<>();
    private ObjectNode mail;
    private long version;      // bumped on every change of the added headers
    private long mailVersion = -1;

    MessageState(AcceptedMessage accepted, Verdicts verdicts, List<Header> inletHeaders, FilteredMessage body,
                 ParsedHeaders original) {
        this.accepted = accepted;
        this.verdicts = verdicts;
        this.inletHeaders = List.copyOf(inletHeaders);
        this.body = body;
        this.original = original;
    }

    AcceptedMessage accepted() {
        return accepted;
    }

    Verdicts verdicts() {
        return verdicts;
    }

    /** Starts a walk of the plans from scratch: added headers come back from the journal as it goes. */
    synchronized void beginWalk() {
        added.clear();
        pending.clear();
        version++;
    }

    /** A header from the running action; visible at once, kept only if the action succeeds. */
    synchronized void prepend(Header header) {
        pending.add(header);
        version++;
    }

    /** The running action succeeded: its headers become permanent; returns them for the journal. */
    synchronized List<Header> commitPending() {
        List<Header> done = List.copyOf(pending);
        added.addAll(pending);
        pending.clear();
        return done;
    }

    synchronized void discardPending() {
        pending.clear();
        version++;
    }

    /** Headers a completed action added in an earlier run (from its journal record). */
    synchronized void replayAdded(List<Header> headers) {
        added.addAll(headers);
        version++;
    }

    /**
     * The header block's top: each header an action added is inserted at the very top (SES Part 1:
     * AddHeader "inserts the header at the top of the header block"), so the latest added comes
     * first; then Inlet's own trace headers, which were there before any action ran.
     */
    synchronized List<Header> topHeaders() {
        List<Header> top = new ArrayList<>(inletHeaders.size() + added.size() + pending.size());
        for (int i = pending.size() - 1; i >= 0; i--) {
            top.add(pending.get(i));
        }
        for (int i = added.size() - 1; i >= 0; i--) {
            top.add(added.get(i));
        }
        top.addAll(inletHeaders);
        return top;
    }

    MessageContent content() {
        return new StagedContent(HeaderBytes.encode(topHeaders()), body);
    }

    /** The SES {@code mail} object, rebuilt only when actions added headers since the last one. */
    synchronized ObjectNode mail() {
        if (mail == null || mailVersion != version) {
            mail = MailObjectBuilder.build(accepted.messageId(), accepted.envelope(), topHeaders(), original);
            mailVersion = version;
        }
        return mail;
    }
}
