/**
 * The outbound mail queue (DESIGN.md §6): DSNs of the Bounce action today, SendEmail and friends
 * later. A message handed to {@link io.inlet.engine.outbound.OutboundQueue#enqueue} is on disk
 * before an ID is returned, and is delivered with retries through the configured relay
 * (smarthost) or directly to each recipient domain's MX hosts.
 *
 * <p><b>On disk</b> (under the queue directory; Postfix-style, the directory an envelope is in is
 * the entry's state, and every state change is one atomic rename):
 * <ul>
 *   <li>{@code messages/<id>.eml} — the message bytes, written once and never changed;</li>
 *   <li>{@code active/<id>.json} — the envelope of an entry waiting for its first attempt (new,
 *       replayed, or resumed after a restart) or being attempted right now;</li>
 *   <li>{@code deferred/<id>.json} — at least one recipient got a temporary failure; the entry
 *       waits for its {@code nextAttempt};</li>
 *   <li>{@code dead/<id>.json} — every recipient is done and at least one failed for good (the
 *       reasons are in the envelope); kept for an operator to replay or purge;</li>
 *   <li>{@code tmp/} — envelopes being written; emptied at start.</li>
 * </ul>
 * The envelope file is the commit mark: a message without one (a crash in the middle of
 * {@code enqueue}, before an ID was returned) is deleted at start. An entry whose recipients were
 * all delivered is removed (envelope first, then message). Each envelope carries a revision, so if
 * a crash leaves the same ID in two state directories, the newer one wins at start.
 *
 * <p>Delivery is at least once: a crash between the remote server's final {@code 250} and the
 * envelope update delivers that message again after the restart, as every MTA does.
 *
 * <p>TODO (sending issue): a DSN to the envelope sender for recipients that failed for good, for
 * messages with a non-null sender. Entries with the null sender must never be bounced.
 */
package io.inlet.engine.outbound;
