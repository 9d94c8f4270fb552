package io.inlet.engine.verdicts;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.impl.CompoundBodyHasher;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import io.inlet.engine.message.MessageBytes;
import org.apache.james.mime4j.io.EOLConvertingInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DKIM (RFC 6376) with jDKIM, streaming: the header block is parsed here and only the body is
 * pushed through jDKIM's hashers, so the message is never held in memory (jDKIM's own
 * {@code verify(InputStream)} builds a Mime4j message with the body in memory).
 *
 * <p>Verdict: PASS when at least one signature verifies; otherwise PROCESSING_FAILED when a key
 * lookup failed transiently; otherwise FAIL when a signature was checked and did not verify
 * (bad signature or body hash, missing or unusable key); otherwise (every signature unparseable)
 * PROCESSING_FAILED, as SES documents for malformed signatures. Unsigned → GRAY.
 */
public final class DkimCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DkimCheck.class);
    static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final PublicKeyRecordRetriever keys;

    public DkimCheck(Resolver resolver) {
        this.keys = new DNSPublicKeyRecordRetriever(resolver);
    }

    /** Never throws. */
    public DkimOutcome check(MessageBytes message) {
        try (InputStream in = message.open()) {
            return check(HeaderBlock.read(in, MAX_HEADER_BYTES), in);
        } catch (IOException | RuntimeException e) {
            LOG.warn("DKIM check could not read {}", message.file(), e);
            return DkimOutcome.failed();
        }
    }

    /**
     * @param body the stream right after the header block; read to the end and closed here
     */
    DkimOutcome check(HeaderBlock headers, InputStream body) {
        DKIMVerifier verifier = new DKIMVerifier(keys);
        try {
            BodyHasher hasher = verifier.newBodyHasher(new DkimHeaders(headers));
            if (hasher == null) {
                return new DkimOutcome(Verdict.GRAY, List.of());
            }
            if (!(hasher instanceof CompoundBodyHasher)
                    || !((CompoundBodyHasher) hasher).getBodyHashJobs().isEmpty()) {
                // Same CRLF normalisation jDKIM applies to the message it parses itself.
                DKIMCommon.streamCopy(new EOLConvertingInputStream(body), hasher.getOutputStream());
            }
            try {
                verifier.verify(hasher);
            } catch (FailException e) {
                // No signature verified; every per-signature reason is in getResults().
                LOG.debug("no DKIM signature verified: {}", e.getMessage());
            }
        } catch (FailException | IOException | RuntimeException e) {
            LOG.warn("DKIM check failed unexpectedly", e);
            return DkimOutcome.failed();
        }
        List<DkimSignatureResult> signatures = new ArrayList<>();
        for (Result result : verifier.getResults()) {
            signatures.add(toSignatureResult(result));
        }
        return new DkimOutcome(verdictOf(signatures), signatures);
    }

    static Verdict verdictOf(List<DkimSignatureResult> signatures) {
        if (signatures.isEmpty()) {
            return Verdict.PROCESSING_FAILED;
        }
        if (signatures.stream().anyMatch(DkimSignatureResult::passed)) {
            return Verdict.PASS;
        }
        if (signatures.stream().anyMatch(s -> "temperror".equals(s.result()))) {
            return Verdict.PROCESSING_FAILED;
        }
        if (signatures.stream().anyMatch(s -> "fail".equals(s.result()))) {
            return Verdict.FAIL;
        }
        return Verdict.PROCESSING_FAILED;
    }

    private static DkimSignatureResult toSignatureResult(Result result) {
        String word = result.getResultType().name().toLowerCase(Locale.ROOT);
        String reason = result.isSuccess() ? null : result.getErrorMessage();
        if (result.getResultType() == Result.Type.PERMERROR || result.getRecord() == null) {
            // jDKIM found no usable record in the field; its placeholder record names nothing real.
            return new DkimSignatureResult("permerror", null, null, null, reason);
        }
        SignatureRecord record = result.getRecord();
        String domain = text(record.getDToken());
        String selector = text(record.getSelector());
        String identity;
        try {
            identity = text(record.getIdentity());
        } catch (RuntimeException e) {
            identity = "@" + domain;
        }
        return new DkimSignatureResult(word, domain, selector, identity, reason);
    }

    private static String text(CharSequence value) {
        return value == null ? null : value.toString();
    }
}
