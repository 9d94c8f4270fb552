package io.inlet.actions;

import io.inlet.rules.spi.OutboundMail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Outbound mail that keeps what it is given, for assertions. */
final class RecordingOutbound implements OutboundMail {

    record Queued(String mailFrom, List<String> recipients, byte[] message) {
        String text() {
            return new String(message, StandardCharsets.UTF_8);
        }
    }

    final List<Queued> queued = new CopyOnWriteArrayList<>();

    @Override
    public String enqueue(String mailFrom, List<String> recipients, InputStream message) throws IOException {
        queued.add(new Queued(mailFrom, List.copyOf(recipients), message.readAllBytes()));
        return "out-" + queued.size();
    }
}
