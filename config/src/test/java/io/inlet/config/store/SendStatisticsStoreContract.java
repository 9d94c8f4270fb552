package io.inlet.config.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract for sending statistics. */
public abstract class SendStatisticsStoreContract extends StoreContract {

    private List<SendDataPoint> sendActivity(Scope scope, Instant since) {
        return store.read(tx -> tx.sendActivity(scope, since));
    }

    @Test
    void sendActivityAddsUpPerIntervalAndScopeAndBumpsNoVersion() {
        Instant i1 = Instant.parse("2026-01-01T10:00:00Z");
        Instant i2 = Instant.parse("2026-01-01T10:15:00Z");
        long v = version();
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i2, 3, 0, 0, 0)));
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i1, 2, 0, 0, 1)));
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i1, 5, 1, 2, 0)));
        write(tx -> tx.addSendActivity(EU, new SendDataPoint(i1, 7, 0, 0, 0)));
        // Statistics are not receiving configuration: no engine node rebuilds for a send.
        assertThat(version()).isEqualTo(v);

        assertThat(sendActivity(US, i1)).containsExactly(
                new SendDataPoint(i1, 7, 1, 2, 1), new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(US, i2)).containsExactly(new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(OTHER_ACCOUNT, i1)).isEmpty();

        write(tx -> tx.deleteSendActivityBefore(i2));
        assertThat(sendActivity(US, i1)).containsExactly(new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(EU, i1)).isEmpty();
    }
}
