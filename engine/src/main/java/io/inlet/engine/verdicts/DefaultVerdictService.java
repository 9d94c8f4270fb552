package io.inlet.engine.verdicts;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.MessageBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

import java.io.IOException;
import java.io.InputStream;

/**
 * SPF, DKIM and DMARC for every message; spam and virus only when asked and configured. One pass
 * over the message serves DKIM and DMARC (headers parsed once, body streamed through the DKIM
 * hashers); each scanner streams the message once more. Never throws.
 */
public final class DefaultVerdictService implements VerdictService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultVerdictService.class);

    private final SpfCheck spf;
    private final DkimCheck dkim;
    private final DmarcCheck dmarc;
    private final MessageScanner spamScanner;
    private final MessageScanner virusScanner;
    private final AuthResultsStyle style;

    public DefaultVerdictService(VerdictSettings settings) {
        this(DnsResolvers.create(settings.dns()),
                settings.spamd() == null ? null : new SpamdClient(settings.spamd()),
                settings.clamd() == null ? null : new ClamdClient(settings.clamd()),
                settings.style());
    }

    /** @param spamScanner  null when none is configured; likewise {@code virusScanner} */
    public DefaultVerdictService(Resolver resolver, MessageScanner spamScanner, MessageScanner virusScanner,
                                 AuthResultsStyle style) {
        this.spf = new SpfCheck(resolver);
        this.dkim = new DkimCheck(resolver);
        this.dmarc = new DmarcCheck(resolver);
        this.spamScanner = spamScanner;
        this.virusScanner = virusScanner;
        this.style = style;
    }

    @Override
    public Verdicts evaluate(Envelope envelope, MessageBytes message, boolean scan) {
        SpfOutcome spfOutcome = spf.check(envelope);
        DkimOutcome dkimOutcome;
        DmarcOutcome dmarcOutcome;
        try (InputStream in = message.open()) {
            HeaderBlock headers = HeaderBlock.read(in, DkimCheck.MAX_HEADER_BYTES);
            dkimOutcome = dkim.check(headers, in);
            dmarcOutcome = dmarc.check(headers, spfOutcome, dkimOutcome);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read the headers of {} for DKIM/DMARC", message.file(), e);
            dkimOutcome = DkimOutcome.failed();
            dmarcOutcome = new DmarcOutcome(Verdict.PROCESSING_FAILED, "permerror", null, null);
        }
        Verdict spam = scan(spamScanner, scan, message);
        Verdict virus = scan(virusScanner, scan, message);
        String authservId = envelope.receivedBy() == null || envelope.receivedBy().isBlank()
                ? "localhost" : envelope.receivedBy();
        return new Verdicts(spfOutcome.verdict(), dkimOutcome.verdict(), dmarcOutcome.verdict(), spam, virus,
                dmarcOutcome.policy(),
                VerdictHeaders.build(authservId, style, spam, virus, spfOutcome, dkimOutcome, dmarcOutcome));
    }

    private static Verdict scan(MessageScanner scanner, boolean scan, MessageBytes message) {
        if (!scan || scanner == null) {
            return Verdict.DISABLED;
        }
        try {
            return scanner.scan(message);
        } catch (RuntimeException e) {
            LOG.warn("scanner {} failed unexpectedly", scanner.getClass().getSimpleName(), e);
            return Verdict.PROCESSING_FAILED;
        }
    }
}
