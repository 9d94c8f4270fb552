package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.StoreVerifiedIdentities;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.rules.spi.OutboundMail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sending operations over a real store, a recording outbound queue and a clock the test moves. */
final class SendingFixture {

    record Queued(String mailFrom, List<String> recipients, String message) {
    }

    /** The outbound queue as the operations see it: records what was queued; can be made to fail. */
    static final class RecordingOutbound implements OutboundMail {
        final List<Queued> queued = new CopyOnWriteArrayList<>();
        volatile boolean failing;
        /** The tags of each tagged enqueue (SendEmail/SendRawEmail), in order. */
        final List<Map<String, String>> tags = new CopyOnWriteArrayList<>();

        @Override
        public String enqueue(String mailFrom, List<String> recipients, InputStream message, Map<String, String> tags)
                throws IOException {
            String id = enqueue(mailFrom, recipients, message);
            this.tags.add(Map.copyOf(tags));
            return id;
        }

        @Override
        public String enqueue(String mailFrom, List<String> recipients, InputStream message) throws IOException {
            if (failing) {
                throw new IOException("disk full");
            }
            queued.add(new Queued(mailFrom, List.copyOf(recipients),
                    new String(message.readAllBytes(), StandardCharsets.ISO_8859_1)));
            return "q" + queued.size();
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final Store store;
    final RecordingOutbound outbound = new RecordingOutbound();
    final MovableClock clock;
    final Map<String, ApiOperation> operations;

    SendingFixture(Store store, SendingSettings settings, Instant start) {
        this.store = store;
        this.clock = new MovableClock(start);
        this.operations = SendingOperations.operations(store, new StoreVerifiedIdentities(store), outbound, settings, clock);
    }

    void verify(Scope scope, String identity) {
        String type = identity.contains("@") ? IdentityRecord.EMAIL_ADDRESS : IdentityRecord.DOMAIN;
        store.write(tx -> {
            tx.upsertIdentity(scope, new IdentityRecord(identity, type, null, "Success", clock.instant()));
            return null;
        });
    }

    /** The Result members as XML text; params as name, value, name, value... */
    String call(Scope scope, String action, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Action", action);
        map.put("Version", "2010-12-01");
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        XmlWriter out = new XmlWriter();
        operations.get(action).handle(new ApiRequest(action, new QueryParams(map), scope, UUID.randomUUID().toString()), out);
        return out.toString();
    }

    SesException error(Scope scope, String action, String... params) {
        SesException e = catchThrowableOfType(SesException.class, () -> call(scope, action, params));
        assertThat(e).as("expected an SES error from " + action).isNotNull();
        return e;
    }

    static String between(String xml, String element) {
        int start = xml.indexOf("<" + element + ">");
        int end = xml.indexOf("</" + element + ">");
        assertThat(start).as(element + " in " + xml).isGreaterThanOrEqualTo(0);
        return xml.substring(start + element.length() + 2, end);
    }
}
