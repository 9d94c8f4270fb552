package io.inlet.engine.verdicts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DMARC (RFC 7489), written here because no maintained Java evaluator exists.
 *
 * <p>Mapping (SES-RECEIVING.md §4.3/§4.4):
 * <ul>
 *   <li>aligned SPF or DKIM pass → PASS ({@code dmarc=pass})</li>
 *   <li>no DMARC record at the From domain nor at its organizational domain → GRAY, no policy
 *       ({@code dmarc=none})</li>
 *   <li>fails, policy none → GRAY with dmarcPolicy {@code none} ({@code dmarc=fail})</li>
 *   <li>fails, policy quarantine/reject → FAIL with that dmarcPolicy ({@code dmarc=fail});
 *       {@code sp=} applies when the record came from the organizational domain; {@code pct=} is
 *       not applied, so the verdict does not depend on a random draw</li>
 *   <li>record lookup failed transiently, or no aligned pass while an aligned SPF/DKIM check had
 *       a temporary error → PROCESSING_FAILED ({@code dmarc=temperror})</li>
 *   <li>no single From domain → PROCESSING_FAILED ({@code dmarc=permerror})</li>
 * </ul>
 */
public final class DmarcCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DmarcCheck.class);

    private final TxtLookup dns;

    public DmarcCheck(Resolver resolver) {
        this.dns = new TxtLookup(resolver);
    }

    /** Never throws. */
    DmarcOutcome check(HeaderBlock headers, SpfOutcome spf, DkimOutcome dkim) {
        FromDomain.Result from = FromDomain.of(headers);
        if (from.domain() == null) {
            LOG.debug("DMARC not evaluated: {}", from.problem());
            return new DmarcOutcome(Verdict.PROCESSING_FAILED, "permerror", null, null);
        }
        try {
            return evaluate(from.domain(), spf, dkim);
        } catch (RuntimeException e) {
            LOG.warn("DMARC check failed unexpectedly for {}", from.domain(), e);
            return new DmarcOutcome(Verdict.PROCESSING_FAILED, "temperror", from.domain(), null);
        }
    }

    private DmarcOutcome evaluate(String fromDomain, SpfOutcome spf, DkimOutcome dkim) {
        Discovery found = discover(fromDomain);
        if (found.tempfail) {
            return new DmarcOutcome(Verdict.PROCESSING_FAILED, "temperror", fromDomain, null);
        }
        if (found.record == null) {
            return new DmarcOutcome(Verdict.GRAY, "none", fromDomain, null);
        }
        DmarcRecord record = found.record;
        boolean spfAligned = OrgDomain.aligned(spf.domain(), fromDomain, record.strictSpf());
        List<DkimSignatureResult> alignedSignatures = dkim.signatures().stream()
                .filter(s -> OrgDomain.aligned(s.domain(), fromDomain, record.strictDkim()))
                .collect(Collectors.toList());
        if ((spfAligned && spf.verdict() == Verdict.PASS)
                || alignedSignatures.stream().anyMatch(DkimSignatureResult::passed)) {
            return new DmarcOutcome(Verdict.PASS, "pass", fromDomain, null);
        }
        if ((spfAligned && "temperror".equals(spf.result()))
                || alignedSignatures.stream().anyMatch(s -> "temperror".equals(s.result()))) {
            // An aligned identifier might have passed had DNS answered.
            return new DmarcOutcome(Verdict.PROCESSING_FAILED, "temperror", fromDomain, null);
        }
        String policy = record.policyFor(found.atOrganizationalDomain);
        Verdict verdict = "none".equals(policy) ? Verdict.GRAY : Verdict.FAIL;
        return new DmarcOutcome(verdict, "fail", fromDomain, policy);
    }

    /** RFC 7489 §6.6.3: the From domain's record, else the organizational domain's. */
    private Discovery discover(String fromDomain) {
        TxtLookup.Answer answer = dns.lookup("_dmarc." + fromDomain);
        if (answer.status() == TxtLookup.Status.TEMPFAIL) {
            return Discovery.TEMPFAIL;
        }
        List<String> records = dmarcRecords(answer);
        if (!records.isEmpty()) {
            return Discovery.of(records, false);
        }
        String organizational = OrgDomain.of(fromDomain);
        if (organizational.equals(fromDomain)) {
            return Discovery.NONE;
        }
        answer = dns.lookup("_dmarc." + organizational);
        if (answer.status() == TxtLookup.Status.TEMPFAIL) {
            return Discovery.TEMPFAIL;
        }
        return Discovery.of(dmarcRecords(answer), true);
    }

    private static List<String> dmarcRecords(TxtLookup.Answer answer) {
        return answer.texts().stream().filter(DmarcRecord::isDmarc).collect(Collectors.toList());
    }

    private static final class Discovery {
        static final Discovery NONE = new Discovery(null, false, false);
        static final Discovery TEMPFAIL = new Discovery(null, false, true);

        final DmarcRecord record;
        final boolean atOrganizationalDomain;
        final boolean tempfail;

        private Discovery(DmarcRecord record, boolean atOrganizationalDomain, boolean tempfail) {
            this.record = record;
            this.atOrganizationalDomain = atOrganizationalDomain;
            this.tempfail = tempfail;
        }

        /** Several DMARC records at one name mean none applies (RFC 7489 §6.6.3 step 5). */
        static Discovery of(List<String> records, boolean atOrganizationalDomain) {
            if (records.size() != 1) {
                return NONE;
            }
            Optional<DmarcRecord> record = DmarcRecord.parse(records.get(0));
            return record.map(r -> new Discovery(r, atOrganizationalDomain, false)).orElse(NONE);
        }
    }
}
