package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.inlet.config.sending.SendingFixture.between;
import static org.assertj.core.api.Assertions.assertThat;

/** GetSendQuota, the enforced quota over a sliding 24-hour window and the rate, with a clock the test moves. */
class SendQuotaTest {
    static final Scope EAST = new Scope("111122223333", "us-east-1");
    static final Scope WEST = new Scope("111122223333", "us-west-2");
    /** Four minutes into a 15-minute interval. */
    static final Instant START = Instant.parse("2026-03-01T10:04:00Z");

    @TempDir
    Path dir;
    SqliteStore store;
    SendingFixture f;

    SendingFixture open(SendingSettings settings) {
        store = SqliteStore.open(dir);
        f = new SendingFixture(store, settings, START);
        f.verify(EAST, "example.com");
        f.verify(WEST, "example.com");
        return f;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    String send(Scope scope, String... recipients) {
        String[] params = new String[6 + 2 * recipients.length];
        params[0] = "Source";
        params[1] = "sender@example.com";
        params[2] = "Message.Subject.Data";
        params[3] = "s";
        params[4] = "Message.Body.Text.Data";
        params[5] = "b";
        for (int i = 0; i < recipients.length; i++) {
            params[6 + 2 * i] = "Destination.ToAddresses.member." + (i + 1);
            params[7 + 2 * i] = recipients[i];
        }
        return f.call(scope, "SendEmail", params);
    }

    SesException sendFails(Scope scope, String... recipients) {
        try {
            send(scope, recipients);
        } catch (SesException e) {
            return e;
        }
        throw new AssertionError("the send was accepted");
    }

    String quota(Scope scope, String member) {
        return between(f.call(scope, "GetSendQuota"), member);
    }

    @Test
    void getSendQuotaReportsTheSettingsAsDoubles() {
        open(SendingSettings.SANDBOX);
        assertThat(f.call(EAST, "GetSendQuota"))
                .isEqualTo("<Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate><SentLast24Hours>0.0</SentLast24Hours>");
    }

    @Test
    void theDailyQuotaCountsRecipientsOverASlidingWindowOfFifteenMinuteIntervals() {
        open(new SendingSettings(3, 1000));
        send(EAST, "a@dest.test", "b@dest.test");
        f.clock.advance(Duration.ofHours(1));
        send(EAST, "c@dest.test");
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("3.0");

        SesException e = sendFails(EAST, "d@dest.test");
        assertThat(e.code()).isEqualTo("Throttling");
        assertThat(e.getMessage()).isEqualTo("Daily message quota exceeded.");
        assertThat(f.outbound.queued).hasSize(2);
        // Another region has its own quota, as in SES.
        send(WEST, "d@dest.test");

        // 24 h after the first send its interval still overlaps the window: the quota errs on the strict side.
        f.clock.advance(Duration.ofHours(23));
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("3.0");
        assertThat(sendFails(EAST, "d@dest.test").getMessage()).isEqualTo("Daily message quota exceeded.");
        // Once that interval (10:00-10:15 the day before) has left the window, its 2 recipients are free again.
        f.clock.advance(Duration.ofMinutes(11));
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("1.0");
        assertThat(sendFails(EAST, "d@dest.test", "e@dest.test", "f@dest.test").getMessage())
                .isEqualTo("Daily message quota exceeded.");
        send(EAST, "d@dest.test", "e@dest.test");
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("3.0");
    }

    @Test
    void minusOneIsUnlimited() {
        open(new SendingSettings(-1, 1000));
        for (int i = 0; i < 5; i++) {
            send(EAST, "a@dest.test");
        }
        assertThat(quota(EAST, "Max24HourSend")).isEqualTo("-1.0");
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("5.0");
    }

    @Test
    void theRateAllowsOneMessageAtATimeAndRefillsWithTheClock() {
        open(new SendingSettings(200, 1));
        send(EAST, "a@dest.test", "b@dest.test", "c@dest.test");
        SesException e = sendFails(EAST, "d@dest.test");
        assertThat(e.code()).isEqualTo("Throttling");
        assertThat(e.getMessage()).isEqualTo("Maximum sending rate exceeded.");
        // Three recipients at 1/s: the next message may go 3 seconds later, not earlier.
        f.clock.advance(Duration.ofMillis(2900));
        assertThat(sendFails(EAST, "d@dest.test").getMessage()).isEqualTo("Maximum sending rate exceeded.");
        f.clock.advance(Duration.ofMillis(100));
        send(EAST, "d@dest.test");
        // A throttled message is not counted.
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("4.0");
        // Each region has its own bucket.
        send(WEST, "a@dest.test");
    }

    @Test
    void aMessageRefusedByTheDailyQuotaTakesNothingFromTheRate() {
        open(new SendingSettings(1, 1));
        send(EAST, "a@dest.test");
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(sendFails(EAST, "b@dest.test").getMessage()).isEqualTo("Daily message quota exceeded.");
        assertThat(sendFails(EAST, "b@dest.test").getMessage()).isEqualTo("Daily message quota exceeded.");
    }

    @Test
    void getSendStatisticsHasOneDataPointPerIntervalOverTwoWeeks() {
        open(new SendingSettings(-1, 1000));
        assertThat(f.call(EAST, "GetSendStatistics")).isEqualTo("<SendDataPoints/>");
        send(EAST, "a@dest.test", "b@dest.test");
        f.clock.advance(Duration.ofMinutes(5));
        send(EAST, "c@dest.test");
        f.clock.advance(Duration.ofMinutes(10));
        sendFailsFrom("y@unverified.test");
        assertThat(f.call(EAST, "GetSendStatistics")).isEqualTo("<SendDataPoints>"
                + "<member><Timestamp>2026-03-01T10:00:00.000Z</Timestamp><DeliveryAttempts>3</DeliveryAttempts>"
                + "<Bounces>0</Bounces><Complaints>0</Complaints><Rejects>0</Rejects></member>"
                + "<member><Timestamp>2026-03-01T10:15:00.000Z</Timestamp><DeliveryAttempts>0</DeliveryAttempts>"
                + "<Bounces>0</Bounces><Complaints>0</Complaints><Rejects>1</Rejects></member></SendDataPoints>");
        assertThat(f.call(WEST, "GetSendStatistics")).isEqualTo("<SendDataPoints/>");

        f.clock.advance(Duration.ofDays(14));
        assertThat(f.call(EAST, "GetSendStatistics")).contains("10:15:00.000Z").doesNotContain("10:00:00.000Z");
    }

    void sendFailsFrom(String source) {
        SesException e = f.error(EAST, "SendEmail", "Source", source, "Destination.ToAddresses.member.1", "a@dest.test",
                "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(e.code()).isEqualTo("MessageRejected");
    }

    @Test
    void anotherAccountSendsWithSourceArnOnlyWhenAPolicyAllowsIt() {
        open(new SendingSettings(-1, 1000));
        Scope owner = new Scope("123456789012", "us-east-1");
        String arn = "arn:aws:ses:us-east-1:123456789012:identity/owner.test";
        store.write(tx -> {
            tx.upsertIdentity(owner, new IdentityRecord("owner.test", IdentityRecord.DOMAIN, "t", "Success", START));
            return null;
        });
        SesException denied = f.error(EAST, "SendEmail", "Source", "news@owner.test", "SourceArn", arn,
                "Destination.ToAddresses.member.1", "a@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(denied.code()).isEqualTo("MessageRejected");
        assertThat(denied.getMessage()).contains("is not authorized to use " + arn);

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + EAST.accountId() + "\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"" + arn + "\"}]}";
        store.write(tx -> {
            tx.putIdentityAttribute(owner, "owner.test", "policy:delegate", policy);
            return null;
        });
        f.call(EAST, "SendEmail", "Source", "news@owner.test", "SourceArn", arn,
                "Destination.ToAddresses.member.1", "a@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(f.outbound.queued).hasSize(1);
        assertThat(f.outbound.queued.get(0).mailFrom()).isEqualTo("news@owner.test");
        // The policy allows SendEmail only; the delegate's own quota and statistics are charged.
        assertThat(f.error(EAST, "SendRawEmail", "SourceArn", arn,
                "RawMessage.Data", SendingOperationsTest.raw("From: news@owner.test\nTo: a@dest.test\n\nb\n")).getMessage())
                .contains("is not authorized");
        assertThat(quota(EAST, "SentLast24Hours")).isEqualTo("1.0");
    }
}
