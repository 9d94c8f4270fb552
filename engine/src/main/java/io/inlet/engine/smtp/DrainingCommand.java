package io.inlet.engine.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/**
 * Wraps every command of the table: once shutdown has begun, a command is not run; it gets
 * {@code 421 4.3.2 <hostname> Service shutting down} and the connection is closed (RFC 5321
 * §3.8). Usually the drain has already sent that 421 to a session waiting for a command; this
 * covers a command that was read in the same instant (then the drain's 421 is its answer).
 */
final class DrainingCommand implements Command {

    private final Command command;
    private final SessionDrain drain;

    DrainingCommand(Command command, SessionDrain drain) {
        this.command = command;
        this.drain = drain;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (drain.draining()) {
            if (drain.claim(session)) {
                throw drain.reply().drop();
            }
            return; // the drain is answering and closing this session
        }
        command.execute(commandString, session);
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return command.getHelp();
    }

    @Override
    public String getName() {
        return command.getName();
    }
}
