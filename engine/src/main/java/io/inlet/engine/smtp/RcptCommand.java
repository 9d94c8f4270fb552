package io.inlet.engine.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/**
 * RCPT TO with our path parsing and enhanced status codes. The recipient limit and every refusal
 * of the SES table come from {@link MailTransaction#recipient}; SubEtha's own limit is not used.
 */
final class RcptCommand extends BaseCommand {

    RcptCommand() {
        super("RCPT", "Specifies the recipient. Can be used any number of times.", "TO: <recipient>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse(SmtpReply.NEED_MAIL.line());
            return;
        }
        try {
            String address = EnvelopeSyntax.rcpt(commandString);
            session.getMessageHandler().recipient(address);
            session.addRecipient(address);
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.sendResponse(SmtpReply.RECIPIENT_OK.line());
    }
}
