package io.inlet.actions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for test servers, and for "the server is down" cases. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * A loopback port nobody listens on right now: the system picks it and the probe socket is
     * closed again, so a child process can bind it and a connection to it is refused at once.
     */
    public static int unused() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
