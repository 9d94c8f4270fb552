package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;

/** GetSendQuota: the configured quota and the recipients of the sliding 24 hours, as doubles ("200.0"). */
final class GetSendQuota implements ApiOperation {
    private final SendingSettings settings;
    private final SendStatistics statistics;

    GetSendQuota(SendingSettings settings, SendStatistics statistics) {
        this.settings = settings;
        this.statistics = statistics;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        result.element("Max24HourSend", Double.toString(settings.max24HourSend()));
        result.element("MaxSendRate", Double.toString(settings.maxSendRate()));
        result.element("SentLast24Hours", Double.toString(statistics.sentLast24Hours(request.scope())));
    }
}
