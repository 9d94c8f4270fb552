package io.inlet.engine.outbound;

import java.net.InetAddress;

/**
 * One server to hand a transaction to.
 *
 * @param name     the host name (for logs and replies)
 * @param connect  what to connect to: an IP address (MX delivery resolves through our resolver) or
 *                 the relay's host name (resolved by the system, as configured by the operator)
 * @param verify   whether the server's certificate must be valid for {@code name}
 * @param username AUTH user, empty for none
 */
record SmtpTarget(String name, String connect, int port, StartTlsPolicy starttls, boolean verify, String username,
                  String password) {

    static SmtpTarget relay(OutboundSettings settings) {
        return new SmtpTarget(settings.relayHost(), settings.relayHost(), settings.relayPort(),
                settings.relayStarttls(), !settings.tlsTrustAll(), settings.relayUsername(), settings.relayPassword());
    }

    /** MTA to MTA: opportunistic STARTTLS, no certificate check, no AUTH. */
    static SmtpTarget mx(String name, InetAddress address, int port) {
        return new SmtpTarget(name, address.getHostAddress(), port, StartTlsPolicy.OPPORTUNISTIC, false, "", "");
    }

    /** {@code name[ip]:port}, or {@code name:port} for the relay. */
    String label() {
        return (name.equals(connect) ? name : name + "[" + connect + "]") + ":" + port;
    }
}
