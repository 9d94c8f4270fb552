package io.inlet.engine.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/**
 * MAIL FROM with our parameter parsing ({@link EnvelopeSyntax}): {@code SIZE=} among other
 * parameters is honoured (552 5.3.4 over the limit), a malformed one gets 501 5.5.4. Unlike
 * SubEtha's, it also wants HELO/EHLO first, so every message has the HELO name its headers need.
 */
final class MailCommand extends BaseCommand {

    private final long maxMessageSize;

    MailCommand(long maxMessageSize) {
        super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (session.getHelo().isEmpty()) {
            session.sendResponse(SmtpReply.NEED_HELO.line());
            return;
        }
        if (session.isMailTransactionInProgress()) {
            session.sendResponse(SmtpReply.NESTED_MAIL.line());
            return;
        }
        EnvelopeSyntax.MailFrom mail;
        try {
            mail = EnvelopeSyntax.mail(commandString, maxMessageSize);
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.setDeclaredMessageSize((int) Math.min(mail.declaredSize(), Integer.MAX_VALUE));
        session.startMailTransaction();
        try {
            session.getMessageHandler().from(mail.address());
        } catch (DropConnectionException e) {
            session.resetMailTransaction();
            throw e;
        } catch (RejectException e) {
            session.resetMailTransaction();
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.sendResponse(SmtpReply.SENDER_OK.line());
    }
}
