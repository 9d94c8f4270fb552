package io.inlet.actions.workmail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an organization's mail goes: the embedded Maildir store, or a mailbox server spoken to
 * over LMTP (RFC 2033) or SMTP. Written in settings as {@code maildir}, {@code lmtp://host:port}
 * or {@code smtp://host:port}.
 */
public record MailboxServer(Protocol protocol, String host, int port) {

    public enum Protocol { MAILDIR, LMTP, SMTP }

    public static final MailboxServer MAILDIR = new MailboxServer(Protocol.MAILDIR, "", 0);

    /** Conventional ports when a URI names none (LMTP has no IANA port; 24 is what servers use). */
    private static final int LMTP_PORT = 24;
    private static final int SMTP_PORT = 25;

    /** Parses one target; the message of the exception says what is wrong, without the key. */
    public static MailboxServer parse(String text) {
        String value = text.trim();
        if (value.equals("maildir")) {
            return MAILDIR;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not maildir, lmtp://host:port or smtp://host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.endsWith("+starttls")) {
            // Needs a trust configuration to be worth anything; mailbox servers are usually on a private network.
            throw new IllegalArgumentException("uses STARTTLS, which Inlet does not support yet; use lmtp:// or smtp://");
        }
        Protocol protocol = switch (scheme) {
            case "lmtp" -> Protocol.LMTP;
            case "smtp" -> Protocol.SMTP;
            default -> throw new IllegalArgumentException("is not maildir, lmtp://host:port or smtp://host:port");
        };
        boolean bare = uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                && uri.getFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (!bare) {
            throw new IllegalArgumentException("must be " + scheme + "://host:port with nothing else");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : protocol == Protocol.LMTP ? LMTP_PORT : SMTP_PORT;
        return new MailboxServer(protocol, uri.getHost(), port);
    }

    @Override
    public String toString() {
        return protocol == Protocol.MAILDIR ? "maildir"
                : protocol.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }
}
