package io.inlet.engine.smtp;

import org.subethamail.smtp.server.SSLSocketCreator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an accepted plain socket into the server side of a TLS connection for STARTTLS.
 * Replaces SubEtha's default, which enables every supported protocol and cipher suite (overriding
 * the context, davidmoten/subethasmtp#120) and calls {@code getHostName()} — a reverse DNS lookup
 * per STARTTLS. Here: TLS 1.3 and 1.2 only, AEAD suites with forward secrecy, the server's order,
 * and {@code getHostString()} (the literal IP, no lookup).
 */
final class StartTlsSockets implements SSLSocketCreator {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites, then Mozilla's "intermediate" ECDHE AEAD suites for TLS 1.2, in preference order. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    StartTlsSockets(SSLContext context) {
        this.context = context;
        SSLParameters supported = context.getSupportedSSLParameters();
        this.protocols = intersect(PROTOCOLS, supported.getProtocols());
        this.cipherSuites = intersect(CIPHER_SUITES, supported.getCipherSuites());
        if (protocols.length == 0 || cipherSuites.length == 0) {
            throw new IllegalStateException("this JVM supports none of " + PROTOCOLS + " / " + CIPHER_SUITES);
        }
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, remote.getHostString(), socket.getPort(), true);
        tls.setUseClientMode(false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        tls.setSSLParameters(parameters);
        return tls;
    }

    private static String[] intersect(List<String> wanted, String[] supported) {
        List<String> available = Arrays.asList(supported);
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }
}
