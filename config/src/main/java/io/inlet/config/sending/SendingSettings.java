package io.inlet.config.sending;

/**
 * The account's sending quota as GetSendQuota reports and the send operations enforce it, the
 * same for every account and region of the daemon.
 *
 * @param max24HourSend recipients per sliding 24 hours; -1 = unlimited (as SES spells it)
 * @param maxSendRate   recipients per second, on average; bursts of one message are allowed
 */
public record SendingSettings(long max24HourSend, double maxSendRate) {
    /** The SES sandbox's quota: 200 per 24 hours, 1 per second (SES-RECEIVING.md §6.7). */
    public static final SendingSettings SANDBOX = new SendingSettings(200, 1);

    public SendingSettings {
        if (max24HourSend < -1) {
            throw new IllegalArgumentException("max24HourSend must be -1 (unlimited) or at least 0");
        }
        if (!(maxSendRate > 0) || Double.isInfinite(maxSendRate)) {
            throw new IllegalArgumentException("maxSendRate must be a positive number");
        }
    }

    boolean unlimitedDaily() {
        return max24HourSend < 0;
    }
}
