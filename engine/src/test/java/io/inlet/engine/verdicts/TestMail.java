package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.message.Envelope;
import org.apache.james.jdkim.DKIMSigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Messages, envelopes and DKIM keys for the verdict tests. */
final class TestMail {

    private TestMail() {
    }

    static Envelope envelope(String mailFrom, String helo) {
        return new Envelope(mailFrom, List.of("bob@inlet.example"), helo, "127.0.0.1", null, null,
                "mx.inlet.example", Instant.parse("2026-11-26T10:00:00Z"));
    }

    static byte[] message(String from, String subject, String body) {
        return ("From: " + from + "\r\n"
                + "To: bob@inlet.example\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Math.abs(subject.hashCode()) + "@test>\r\n"
                + "\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the message followed by bytes that are not part of it, as the spool's message file
     * holds its metadata after the body: a reader that goes past {@link MessageBytes#size()} sends
     * or hashes them, and the test sees it.
     */
    static MessageBytes write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            out.write(content);
            out.write(TRAILER);
        }
        return new MessageBytes(file, content.length);
    }

    /** Not message bytes: stands for the spool's metadata and footer after the body. */
    static final byte[] TRAILER = "\r\nX-Not-Part-Of-The-Message: spool metadata follows\r\n{\"messageId\":\"x\"}\u00ff\u00ff"
            .getBytes(StandardCharsets.ISO_8859_1);

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An RSA key made at run time, published as a DKIM key record and used to sign. */
    static final class DkimKey {
        private final KeyPair pair;

        private DkimKey(KeyPair pair) {
            this.pair = pair;
        }

        static DkimKey generate(int bits) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(bits);
                return new DkimKey(generator.generateKeyPair());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The TXT text for {@code <selector>._domainkey.<domain>}. */
        String record() {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        }

        /** The message with a DKIM-Signature (relaxed/relaxed, rsa-sha256) prepended. */
        byte[] sign(byte[] message, String domain, String selector) {
            String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                    + "; h=from:to:subject:date:message-id; bh=; b=;";
            try {
                String field = new DKIMSigner(template, pair.getPrivate()).sign(new ByteArrayInputStream(message));
                byte[] header = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] signed = new byte[header.length + message.length];
                System.arraycopy(header, 0, signed, 0, header.length);
                System.arraycopy(message, 0, signed, header.length, message.length);
                return signed;
            } catch (Exception e) {
                throw new IllegalStateException("signing failed", e);
            }
        }
    }
}
