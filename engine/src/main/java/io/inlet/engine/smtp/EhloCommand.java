package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * EHLO with the extensions SES-RECEIVING.md Part 1 lists. Replaces SubEtha's, which never offers
 * PIPELINING or ENHANCEDSTATUSCODES, always offers CHUNKING (our BDAT is refused), keeps offering
 * STARTTLS once TLS is active (RFC 3207 §4.2 says not to), and ends with a {@code 250 Ok} line.
 */
final class EhloCommand extends BaseCommand {

    private final String hostname;
    private final long maxMessageSize;
    private final boolean tlsAvailable;

    EhloCommand(String hostname, long maxMessageSize, boolean tlsAvailable) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.hostname = hostname;
        this.maxMessageSize = maxMessageSize;
        this.tlsAvailable = tlsAvailable;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] words = commandString.trim().split("\\s+");
        if (words.length < 2) {
            session.sendResponse(SmtpReply.syntax("EHLO hostname").line());
            return;
        }
        session.resetMailTransaction(); // RFC 5321 §4.1.4: EHLO resets like RSET
        session.setHelo(words[1]);
        session.sendResponse(reply(session.isTLSStarted()));
    }

    String reply(boolean tlsActive) {
        List<String> lines = new ArrayList<>();
        lines.add(hostname);
        lines.add("PIPELINING");
        lines.add("SIZE " + maxMessageSize);
        if (tlsAvailable && !tlsActive) {
            lines.add("STARTTLS");
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(i == 0 ? "" : "\r\n").append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
        }
        return reply.toString();
    }
}
