package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/** RSET, with an enhanced status code (SubEtha's says only "250 Ok"). */
final class ResetCommand extends BaseCommand {

    ResetCommand() {
        super("RSET", "Resets the system.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        session.resetMailTransaction();
        session.sendResponse(SmtpReply.OK.line());
    }
}
