package io.inlet.engine.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * BDAT is not offered (no CHUNKING in EHLO): SubEtha's BDAT path has none of DATA's checks (size,
 * bare CR/LF, draining). A client that sends it anyway gets {@code 502 5.5.1} and the connection
 * is closed, because the chunk's bytes follow the command and would otherwise be read as commands.
 */
final class BdatCommand extends BaseCommand {

    BdatCommand() {
        super("BDAT", "Not supported.");
    }

    @Override
    public void execute(String commandString, Session session) throws DropConnectionException {
        throw SmtpReply.NOT_IMPLEMENTED.drop();
    }
}
