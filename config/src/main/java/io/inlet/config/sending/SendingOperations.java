package io.inlet.config.sending;

import io.inlet.config.VerifiedIdentities;
import io.inlet.config.api.ApiOperation;
import io.inlet.config.store.Store;
import io.inlet.rules.spi.OutboundMail;

import java.time.Clock;
import java.util.Map;

/**
 * The sending operations (issue 6 items 5 and 6), by SES action name: SendEmail and SendRawEmail
 * queue real mail on the daemon's outbound queue; GetSendQuota and GetSendStatistics report the
 * quota they enforce and the statistics they keep in the store. Sent mail uses the identity's
 * custom MAIL FROM domain and is signed with its Easy DKIM key when those are set up.
 */
public final class SendingOperations {
    private SendingOperations() {
    }

    public static Map<String, ApiOperation> operations(Store store, VerifiedIdentities verified, OutboundMail outbound,
                                                       SendingSettings settings, Clock clock) {
        return operations(store, verified, outbound, settings, clock, ReceivedMessages.NONE);
    }

    /** With the daemon's received mail, which SendBounce bounces. */
    public static Map<String, ApiOperation> operations(Store store, VerifiedIdentities verified, OutboundMail outbound,
                                                       SendingSettings settings, Clock clock,
                                                       ReceivedMessages received) {
        SendStatistics statistics = new SendStatistics(store, clock);
        SendQuota quota = new SendQuota(store, settings, statistics, clock);
        Sending sending = new Sending(new SendingAuthorization(store, verified), statistics, new CustomMailFrom(store),
                new DkimSigning(store), new Outbox(outbound, quota));
        return Map.of(
                "SendEmail", new SendEmail(sending),
                "SendRawEmail", new SendRawEmail(sending),
                "SendBounce", new SendBounce(sending, received),
                "GetSendQuota", new GetSendQuota(settings, statistics),
                "GetSendStatistics", new GetSendStatistics(statistics));
    }
}
