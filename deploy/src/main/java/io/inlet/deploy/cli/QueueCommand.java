package io.inlet.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code inlet queue …}: the messages the running daemon holds in its spool (queued, processed,
 * dead-lettered), through its inspection API.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"Inspect and manage the messages of a running Inlet (its spool: queued, processed and"
                + " dead-lettered mail), through its inspection API."},
        subcommands = {QueueListCommand.class, QueueShowCommand.class, QueueReplayCommand.class,
                QueuePurgeCommand.class, QueueOutboundCommand.class})
public final class QueueCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing required subcommand (list, show, replay, purge, outbound)");
    }
}
