package io.inlet.engine.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import javax.net.ssl.SSLSocket;
import java.io.IOException;

/**
 * STARTTLS (RFC 3207). Replaces SubEtha's, which keeps a session whose handshake failed running
 * on the plain socket (only logging it); here a failed handshake closes the connection. As in
 * SubEtha, the session then reads through a fresh buffer, so plaintext a client pipelined after
 * STARTTLS (command injection) is dropped, and the SMTP state starts over (RFC 3207 §4.2).
 */
final class StartTlsCommand extends BaseCommand {

    private static final Logger LOG = LoggerFactory.getLogger(StartTlsCommand.class);

    private final boolean tlsAvailable;

    StartTlsCommand(boolean tlsAvailable) {
        super("STARTTLS", "The starttls command");
        this.tlsAvailable = tlsAvailable;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (!commandString.trim().equalsIgnoreCase("STARTTLS")) {
            session.sendResponse(SmtpReply.syntax("STARTTLS").line());
            return;
        }
        if (!tlsAvailable) {
            session.sendResponse(SmtpReply.NOT_IMPLEMENTED.line());
            return;
        }
        if (session.isTLSStarted()) {
            session.sendResponse(SmtpReply.TLS_ALREADY_ACTIVE.line());
            return;
        }
        session.sendResponse(SmtpReply.START_TLS.line());
        SSLSocket tls;
        try {
            tls = session.getServer().createSSLSocket(session.getSocket());
            tls.startHandshake();
        } catch (IOException e) {
            LOG.debug("STARTTLS handshake with {} failed: {}", ClientAddress.of(session).getHostAddress(), e.toString());
            session.quit(); // nothing sensible can be said on a half-negotiated connection
            return;
        }
        session.setSocket(tls);
        session.resetSmtpProtocol();
        session.setTlsStarted(true);
    }
}
