package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

import java.io.IOException;

/** A command whose answer never varies (NOOP, and the ones an MX does not offer: VRFY, EXPN, HELP, AUTH). */
final class FixedReplyCommand extends BaseCommand {

    private final SmtpReply reply;

    FixedReplyCommand(String verb, SmtpReply reply) {
        super(verb, reply.message());
        this.reply = reply;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        session.sendResponse(reply.line());
    }
}
