package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.server.CommandHandler;

import java.util.List;

/**
 * Puts our commands into a built server's command table. SubEtha has no builder hook for EHLO or
 * for MAIL's parameters, but {@code SMTPServer.getCommandHandler()} returns the server's own
 * (mutable, per-server) table, and {@link CommandHandler#addCommand} replaces a verb's command. It
 * is the one extension point the library has (its builder's {@code fromAddressValidator} uses it
 * to swap MAIL), so this stays within SubEtha's design instead of rewriting replies on the socket.
 *
 * <p>Replaced: every command whose reply SES-RECEIVING.md fixes or whose behaviour we change, and
 * the trivial ones, so that all replies carry enhanced status codes once EHLO advertises
 * ENHANCEDSTATUSCODES (RFC 2034 §3). HELO stays SubEtha's ("250 hostname" needs no code).
 *
 * <p>Then every verb of the table, ours and SubEtha's, is wrapped in a {@link DrainingCommand}, so
 * that once shutdown has begun each command gets 421 instead of running.
 */
final class SmtpCommands {

    private SmtpCommands() {
    }

    static void install(CommandHandler commands, SmtpSettings settings, SessionDrain drain) {
        boolean tls = settings.tls().isPresent();
        commands.addCommand(new EhloCommand(settings.hostname(), settings.maxMessageSize(), tls));
        commands.addCommand(new MailCommand(settings.maxMessageSize()));
        commands.addCommand(new RcptCommand());
        commands.addCommand(new DataCommand(drain));
        commands.addCommand(new BdatCommand());
        commands.addCommand(new StartTlsCommand(tls));
        commands.addCommand(new ResetCommand());
        commands.addCommand(new QuitCommand());
        commands.addCommand(new FixedReplyCommand("NOOP", SmtpReply.OK));
        commands.addCommand(new FixedReplyCommand("VRFY", new SmtpReply(502, "5.5.1 VRFY command is disabled")));
        commands.addCommand(new FixedReplyCommand("EXPN", new SmtpReply(502, "5.5.1 EXPN command is disabled")));
        commands.addCommand(new FixedReplyCommand("HELP", SmtpReply.NOT_IMPLEMENTED));
        commands.addCommand(new FixedReplyCommand("AUTH", SmtpReply.NOT_IMPLEMENTED));
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new DrainingCommand(commands.getCommand(verb), drain));
        }
    }
}
