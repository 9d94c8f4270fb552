package io.inlet.engine.outbound;

import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message whose bytes are a queue file, sent exactly as stored: Angus's SMTP transport calls
 * {@link #writeTo(OutputStream, String[])} with its dot-stuffing stream, and this copies the file
 * instead of re-serialising parsed headers. The envelope sender goes to MAIL FROM as given;
 * {@code <>} is the null sender.
 */
final class FileMessage extends SMTPMessage {

    private final Path file;

    FileMessage(Session session, Path file, String mailFrom) {
        super(session);
        this.file = file;
        // SMTPTransport wraps a bare address in <…>; "<>" is passed through, giving MAIL FROM:<>
        setEnvelopeFrom(mailFrom.isEmpty() ? "<>" : mailFrom);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Files.copy(file, out);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
        Files.copy(file, out); // nothing is left out: the queue sends what it was given
    }

    @Override
    public int getSize() {
        try {
            return (int) Math.min(Integer.MAX_VALUE, Files.size(file));
        } catch (IOException e) {
            return -1;
        }
    }
}
