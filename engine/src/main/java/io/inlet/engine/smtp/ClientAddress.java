package io.inlet.engine.smtp;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client's IP as filters, limits and metadata must see it: the PROXY-protocol source when a
 * proxy handler is on (SubEtha's {@code getRemoteAddress()}), else the socket's peer. Falls back
 * to the socket's peer when a PROXY header left no usable address (cf. davidmoten/subethasmtp#169).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static InetAddress of(MessageContext context) {
        SocketAddress remote = context.getRemoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        if (context instanceof Session session) {
            return session.getRealRemoteAddress().getAddress();
        }
        throw new IllegalStateException("no client address for session " + context.getSessionId());
    }
}
