package io.inlet.engine.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * DATA. Replaces SubEtha's to fix four things: (1) after a refused message SubEtha leaves the
 * transaction open, so the client's next MAIL got "503 sender already specified"; here every
 * outcome ends the transaction; (2) a refusal thrown before the end of the stream is followed by
 * draining to the terminator, so the body is never read as commands; (3) the spool is reserved
 * before the 354, so a full spool refuses DATA without the client sending the body; (4) a client
 * that disconnects mid-DATA ends the session quietly instead of a WARN and a 421 to nobody.
 * Enhanced status codes throughout. Keeps SubEtha's stream, which ends only on {@code CRLF.CRLF}
 * (not on {@code LF.LF} or {@code LF.CRLF}).
 *
 * <p>Shutdown ({@link SessionDrain}): a transfer under way when shutdown begins may finish and gets
 * its normal reply, followed by the 421; a DATA that arrives after shutdown began gets the 421.
 */
final class DataCommand extends BaseCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DataCommand.class);

    private final SessionDrain drain;

    DataCommand(SessionDrain drain) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.drain = drain;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!commandString.trim().equalsIgnoreCase("DATA")) {
            session.sendResponse(SmtpReply.syntax("DATA").line());
            return;
        }
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse(SmtpReply.NEED_MAIL.line());
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse(SmtpReply.NEED_RCPT.line());
            return;
        }
        switch (drain.enterData(session)) {
            case REFUSED -> throw drain.reply().drop();
            case CLOSING -> {
                return; // the drain answers 421 and closes the session
            }
            case ENTERED -> {
                // receive below
            }
        }
        String reply;
        try {
            reply = receive(session, session.getMessageHandler());
        } catch (SocketTimeoutException e) {
            throw e; // SubEtha answers its 421 timeout and closes
        } catch (IOException e) {
            // the client went away mid-DATA (EOF or reset): routine on the Internet, not worth
            // SubEtha's WARN with a stack trace and a 421 to a closed socket
            LOG.debug("client {} went away during DATA: {}", ClientAddress.of(session).getHostAddress(), e.toString());
            session.quit();
            return;
        } finally {
            session.resetMailTransaction(); // ends the transaction; an uncommitted message is discarded
        }
        session.sendResponse(reply);
        drain.leaveData(session); // during shutdown: the 421 and the close follow the reply
    }

    private static String receive(Session session, MessageHandler handler) throws IOException, DropConnectionException {
        if (handler instanceof MailTransaction transaction) {
            try {
                transaction.openSpool();
            } catch (DropConnectionException e) {
                throw e;
            } catch (RejectException e) {
                return e.getErrorResponse();
            }
        }
        session.sendResponse(SmtpReply.START_DATA.line());
        InputStream data = new DotUnstuffingInputStream(new DotTerminatedInputStream(session.getRawInput()));
        try {
            String text = handler.data(data);
            drain(data);
            return "250 " + (text == null ? SmtpReply.OK.message() : text);
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            drain(data); // the reply must follow the terminator, or the rest of the body becomes commands
            return e.getErrorResponse();
        }
    }

    private static void drain(InputStream data) throws IOException {
        byte[] sink = new byte[8192];
        while (data.read(sink) != -1) {
            // discard
        }
    }
}
