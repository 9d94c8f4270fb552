package io.inlet.engine.verdicts;

import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * TXT lookups for DMARC. Unlike a plain {@code new Lookup(name)} it asks for the absolute name (no
 * resolv.conf search list) and keeps its own cache, so one service's answers never leak into
 * another's; a transient failure is reported as such instead of "no record".
 */
final class TxtLookup {

    enum Status { FOUND, NONE, TEMPFAIL }

    /** @param texts each TXT record's character-strings joined, in answer order; empty unless FOUND */
    record Answer(Status status, List<String> texts) {
        Answer {
            texts = List.copyOf(texts);
        }

        static final Answer NONE = new Answer(Status.NONE, List.of());
        static final Answer TEMPFAIL = new Answer(Status.TEMPFAIL, List.of());
    }

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    TxtLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    Answer lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            // Not a valid DNS name, so nothing can be published there.
            return Answer.NONE;
        }
        Lookup lookup = new Lookup(name, Type.TXT, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<String> texts = new ArrayList<>();
                for (Record record : records) {
                    if (record instanceof TXTRecord) {
                        texts.add(String.join("", ((TXTRecord) record).getStrings()));
                    }
                }
                return new Answer(Status.FOUND, texts);
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return Answer.NONE;
            default:
                // TRY_AGAIN (timeout, SERVFAIL, network) and UNRECOVERABLE (bad server data)
                return Answer.TEMPFAIL;
        }
    }
}
