package io.inlet.deploy.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test messages and a reader for the header block of stored objects. */
final class TestMail {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestMail() {
    }

    /** A small RFC 5322 message with CRLF line ends, unique by its Message-ID and body. */
    static String message(String from, String to, String subject) {
        int n = COUNTER.incrementAndGet();
        return "From: Sender <" + from + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n"
                + "Message-ID: <e2e-" + n + "-" + System.nanoTime() + "@client.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "Body of test message " + n + ".\r\n"
                + "Second line.\r\n";
    }

    /**
     * The header fields of {@code text} up to the first empty line (or the end), unfolded, each
     * as {@code "Name: value"}.
     */
    static List<String> headerFields(String text) {
        List<String> fields = new ArrayList<>();
        for (String line : text.split("\r\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                int last = fields.size() - 1;
                fields.set(last, fields.get(last) + " " + line.strip());
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    /** The field names of {@link #headerFields}. */
    static List<String> headerNames(String text) {
        return headerFields(text).stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
    }
}
