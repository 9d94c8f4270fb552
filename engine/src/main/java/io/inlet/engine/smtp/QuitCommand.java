package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/** QUIT, with an enhanced status code (SubEtha's says only "221 Bye"). */
final class QuitCommand extends BaseCommand {

    QuitCommand() {
        super("QUIT", "Exit the SMTP session.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        session.sendResponse(SmtpReply.BYE.line());
        session.quit();
    }
}
