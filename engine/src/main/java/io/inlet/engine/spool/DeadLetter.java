package io.inlet.engine.spool;

import java.time.Instant;

/** A message whose processing gave up: why, and when. It stays until replayed or deleted. */
public record DeadLetter(String messageId, String reason, Instant deadAt) {
}
