package io.inlet.config.store;

import java.time.Instant;

/**
 * The sending activity of one scope in one 15-minute interval starting at {@code timestamp}, as
 * GetSendStatistics reports it. Also used as an increment: {@link StoreTransaction#addSendActivity}
 * adds these counts to the interval.
 */
public record SendDataPoint(Instant timestamp, long deliveryAttempts, long bounces, long complaints, long rejects) {
}
