package io.inlet.deploy.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * A command that talks to the running daemon through its APIs (never its files: the spool and the
 * store belong to the daemon). Failures become one {@code inlet: …} line on stderr and exit status
 * 1; usage errors stay picocli's (status 2).
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    private Connection connection;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            err().println("inlet: " + e.getMessage());
            return e.exitCode();
        } catch (SdkException e) {
            err().println("inlet: " + connection().translate(e, "the request").getMessage());
            return CliException.FAILED;
        } catch (IOException | UncheckedIOException e) {
            err().println("inlet: " + e.getMessage());
            return CliException.FAILED;
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** The command's work; returns the exit status. */
    abstract int execute() throws IOException;

    final Connection connection() {
        if (connection == null) {
            connection = options.resolve();
        }
        return connection;
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
