package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * SPAMC/SPAMD 1.5 {@code CHECK}: the message is streamed from its file (zero copy) with a
 * {@code Content-length} header, and the reply's {@code Spam: True|False ; score / threshold}
 * line decides: True → FAIL, False → PASS. spamd's own threshold ({@code required_score}) rules.
 */
public final class SpamdClient implements MessageScanner {

    private static final Logger LOG = LoggerFactory.getLogger(SpamdClient.class);

    private final SpamdSettings settings;
    private final ScannerAddress address;

    public SpamdClient(SpamdSettings settings) {
        this.settings = settings;
        this.address = ScannerAddress.parse(settings.address(), SpamdSettings.DEFAULT_PORT);
    }

    @Override
    public Verdict scan(MessageBytes message) {
        try {
            long size = message.size();
            if (size > settings.maxMessageBytes()) {
                LOG.info("not sending {} bytes to spamd (limit {}): spam verdict GRAY", size, settings.maxMessageBytes());
                return Verdict.GRAY;
            }
            return check(message, size);
        } catch (IOException | RuntimeException e) {
            LOG.warn("spam scan of {} failed: {}", message.file(), e.toString());
            return Verdict.PROCESSING_FAILED;
        }
    }

    /** Sends exactly the message's {@code size} bytes: its file holds more after them. */
    private Verdict check(MessageBytes message, long size) throws IOException {
        Deadline deadline = Deadline.start(settings.timeout());
        try (deadline; SocketChannel channel = address.connect(deadline);
             FileChannel file = message.openChannel()) {
            ChannelIo.writeAscii(channel, "CHECK SPAMC/1.5\r\nContent-length: " + size + "\r\n\r\n");
            long sent = 0;
            while (sent < size) {
                long n = file.transferTo(sent, size - sent, channel);
                if (n <= 0 && file.size() < size) {
                    throw new IOException("message shrank while being scanned");
                }
                sent += n;
            }
            channel.shutdownOutput();
            return parse(ChannelIo.readReply(channel, 16 * 1024, false));
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new IOException("spamd at " + address + " did not answer within " + settings.timeout(), e);
            }
            throw e;
        }
    }

    /** {@code SPAMD/1.1 0 EX_OK} then {@code Spam: True ; 1000.0 / 5.0}; anything else is a failure. */
    static Verdict parse(String reply) {
        String[] lines = reply.split("\r?\n");
        String[] status = lines[0].trim().split("\\s+", 3);
        if (status.length < 2 || !status[0].startsWith("SPAMD/") || !"0".equals(status[1])) {
            LOG.warn("spamd error reply: {}", lines[0]);
            return Verdict.PROCESSING_FAILED;
        }
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Spam:", 0, 5)) {
                String flag = line.substring(5).split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (flag.equals("true") || flag.equals("yes")) {
                    return Verdict.FAIL;
                }
                if (flag.equals("false") || flag.equals("no")) {
                    return Verdict.PASS;
                }
                break;
            }
        }
        LOG.warn("spamd reply without a usable Spam line: {}", reply);
        return Verdict.PROCESSING_FAILED;
    }
}
