package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.SendDataPoint;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * GetSendStatistics: one data point per 15-minute interval with activity in the last two weeks,
 * oldest first, stamped with the interval's start. Bounces and Complaints stay 0: outcomes of
 * the outbound queue are not fed back into the statistics yet.
 */
final class GetSendStatistics implements ApiOperation {
    /** The timestamp form of the other SES responses (SES-RECEIVING.md §6.3), which moto's test parses. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SendStatistics statistics;

    GetSendStatistics(SendStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        var points = statistics.dataPoints(request.scope());
        if (points.isEmpty()) {
            result.empty("SendDataPoints");
            return;
        }
        result.start("SendDataPoints");
        for (SendDataPoint d : points) {
            result.start("member")
                    .element("Timestamp", TIMESTAMP.format(d.timestamp()))
                    .element("DeliveryAttempts", d.deliveryAttempts())
                    .element("Bounces", d.bounces())
                    .element("Complaints", d.complaints())
                    .element("Rejects", d.rejects())
                    .end();
        }
        result.end();
    }
}
