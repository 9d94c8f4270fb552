package io.inlet.engine.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway self-signed certificate made at test time with {@code keytool} (the JDK has no
 * public API to create certificates): CN=localhost, SAN localhost and 127.0.0.1, two days valid.
 * Nothing of value: the key exists only in a temp directory. No CA trusts it, so a verifying client
 * refuses it unless given {@link #clientContext}.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";
    private static final String ALIAS = "inlet-test";

    public final Path pkcs12;
    public final Path certificatePem;
    public final Path privateKeyPem;

    private TestCertificates(Path pkcs12, Path certificatePem, Path privateKeyPem) {
        this.pkcs12 = pkcs12;
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path pkcs12 = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", pkcs12.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = load(pkcs12);
        Path certificatePem = dir.resolve("server.crt.pem");
        Path privateKeyPem = dir.resolve("server.key.pem");
        Files.writeString(certificatePem, pem("CERTIFICATE", store.getCertificate(ALIAS).getEncoded()));
        Key key = store.getKey(ALIAS, PASSWORD.toCharArray()); // PKCS#8 encoded
        Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
        return new TestCertificates(pkcs12, certificatePem, privateKeyPem);
    }

    public Certificate certificate() throws IOException, GeneralSecurityException {
        return load(pkcs12).getCertificate(ALIAS);
    }

    /** A client context that trusts only this certificate. */
    public SSLContext clientContext(String... protocols) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance(protocols.length == 0 ? "TLS" : protocols[0]);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A server context presenting this certificate (for an in-process server such as SubEtha). */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(pkcs12), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path pkcs12) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
