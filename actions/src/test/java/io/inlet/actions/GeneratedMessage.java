package io.inlet.actions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Writes a large message to a file line by line, never holding it in memory; returns its SHA-256. */
final class GeneratedMessage {

    private GeneratedMessage() {
    }

    static byte[] write(Path file, long size) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), sha256)) {
            byte[] head = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(head);
            long written = head.length;
            for (long line = 0; written < size; line++) {
                byte[] bytes = String.format("%010d the quick brown fox jumps over the lazy dog 0123456789\r\n", line)
                        .getBytes(StandardCharsets.US_ASCII);
                int n = (int) Math.min(bytes.length, size - written);
                out.write(bytes, 0, n);
                written += n;
            }
        }
        return sha256.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
