package io.inlet.engine.outbound;

import io.inlet.engine.spool.MessageIds;
import io.inlet.engine.verdicts.DnsResolvers;
import io.inlet.rules.spi.OutboundMail;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The durable outbound queue (layout and guarantees in the package doc). {@link #open} recovers the
 * directory; {@link #start} launches the delivery workers, which resume everything queued;
 * {@link #close} stops them, leaving unfinished entries on disk.
 *
 * <p>Only one process works a queue directory: {@code open} takes {@code queue.lock}. When another
 * process holds it (the daemon, while a CLI looks), the queue opens read-only: listing and showing
 * work, everything that changes the queue throws {@link IllegalStateException}.
 */
public final class OutboundQueue implements OutboundMail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);
    /** How long {@link #close} lets attempts in progress finish. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final OutboundSettings settings;
    private final Path directory;
    private final Clock clock;
    private final QueueStore store;
    private final OutboundMetrics metrics;
    private final Backoff backoff;
    private final MessageIds ids = new MessageIds();
    private final FileChannel lockFile;
    private final FileLock lock;
    /** IDs being attempted, replayed or purged right now; guarded by itself. */
    private final Set<String> busy = new HashSet<>();
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private DeliveryScheduler scheduler;
    private volatile boolean closed;

    private OutboundQueue(OutboundSettings settings, Path directory, Clock clock, QueueStore store,
                          OutboundMetrics metrics, FileChannel lockFile, FileLock lock) {
        this.settings = settings;
        this.directory = directory;
        this.clock = clock;
        this.store = store;
        this.metrics = metrics;
        this.backoff = new Backoff(settings);
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the queue in {@code directory}, cleaning up after a crash when this
     * process gets the lock. Workers start with {@link #start()}.
     */
    public static OutboundQueue open(OutboundSettings settings, Path directory, Clock clock, MeterRegistry metrics)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        QueueStore store = new QueueStore(directory);
        store.createDirectories();
        FileChannel lockFile = FileChannel.open(directory.resolve("queue.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM already has it open
        }
        if (lock != null) {
            try {
                store.recover();
            } catch (IOException | RuntimeException e) {
                lock.release();
                lockFile.close();
                throw e;
            }
        } else {
            LOG.info("outbound queue {} is locked by another process: opened read-only", directory);
        }
        return new OutboundQueue(settings, directory, clock, store, new OutboundMetrics(metrics, store), lockFile,
                lock);
    }

    /** Whether this instance may change the queue (it holds the lock). */
    public boolean writable() {
        return lock != null;
    }

    /** Starts the delivery workers and schedules every queued entry. */
    public synchronized void start() {
        requireWritable();
        if (closed) {
            throw new IllegalStateException("outbound queue " + directory + " is closed");
        }
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService timer = DeliveryScheduler.timer();
        MxResolver mx = new MxResolver(DnsResolvers.create(settings.dns()));
        Deliverer deliverer = new Deliverer(settings, mx, new SmtpSender(settings, timer), metrics);
        scheduler = new DeliveryScheduler(timer, settings.workers(), id -> attempt(id, deliverer));
        for (String id : store.ids(OutboundState.ACTIVE)) {
            scheduler.schedule(id, Duration.ZERO);
        }
        Instant now = clock.instant();
        int deferred = 0;
        for (String id : store.ids(OutboundState.DEFERRED)) {
            try {
                Optional<OutboundEnvelope> envelope = store.read(OutboundState.DEFERRED, id);
                if (envelope.isPresent()) {
                    scheduler.schedule(id, Duration.between(now, envelope.get().nextAttempt()));
                    deferred++;
                }
            } catch (IOException e) {
                LOG.error("outbound {}: cannot read its envelope; it stays deferred until the next start", id, e);
            }
        }
        LOG.info("outbound queue {} started with {} workers ({}): {} active, {} deferred", directory,
                settings.workers(), settings.usesRelay() ? "relay " + settings.relayHost() : "direct MX",
                store.count(OutboundState.ACTIVE), deferred);
    }

    /**
     * Registers a listener for the final outcomes of tagged messages (see {@link DeliveryListener});
     * register before {@link #start()} so outcomes of resumed entries are not missed.
     */
    public void addListener(DeliveryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String enqueue(String mailFrom, List<String> recipients, InputStream message) throws IOException {
        return enqueue(mailFrom, recipients, message, Map.of());
    }

    @Override
    public String enqueue(String mailFrom, List<String> recipients, InputStream message, Map<String, String> tags)
            throws IOException {
        EnvelopeAddresses.checkSender(mailFrom);
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is required");
        }
        recipients.forEach(EnvelopeAddresses::checkRecipient);
        Objects.requireNonNull(message, "message");
        requireWritable();
        String id = ids.next();
        long size = store.writeMessage(id, message);
        Map<String, String> tagged = tags == null ? Map.of() : tags;
        tagged.forEach((k, v) -> {
            Objects.requireNonNull(k, "tag name");
            Objects.requireNonNull(v, "tag value");
        });
        OutboundEnvelope envelope = OutboundEnvelope.create(id, mailFrom, recipients, size, clock.instant(), tagged);
        try {
            store.create(envelope);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(store.message(id));
            throw e;
        }
        LOG.info("outbound {} queued from=<{}> to={} size={}", id, mailFrom, recipients, size);
        DeliveryScheduler running = runningScheduler();
        if (running != null) {
            running.schedule(id, Duration.ZERO);
        }
        return id;
    }

    /** Entries in {@code state} (every state when null), oldest first, at most {@code limit}. */
    public List<OutboundEntry> list(OutboundState state, int limit) {
        List<OutboundEntry> entries = new ArrayList<>();
        for (OutboundState s : state == null ? OutboundState.values() : new OutboundState[] {state}) {
            for (String id : store.ids(s)) {
                if (entries.size() >= limit) {
                    return entries;
                }
                try {
                    store.read(s, id).ifPresent(e -> entries.add(OutboundEntry.of(s, e)));
                } catch (IOException e) {
                    LOG.warn("outbound {}: cannot read its envelope: {}", id, e.toString());
                }
            }
        }
        return entries;
    }

    /** One entry, wherever it is. */
    public Optional<OutboundEntry> get(String id) throws IOException {
        if (!MessageIds.isValid(id)) {
            return Optional.empty();
        }
        return store.find(id).map(found -> OutboundEntry.of(found.state(), found.envelope()));
    }

    /** The file holding an entry's message bytes (for a raw view); the entry may leave at any time. */
    public Path messageFile(String id) {
        if (!MessageIds.isValid(id)) {
            throw new IllegalArgumentException("not an outbound queue ID: " + id);
        }
        return store.message(id);
    }

    /**
     * Puts a dead entry back to {@code active/}: its failed recipients pending again, attempts and
     * the max age restarted. False when no dead entry has that ID; {@link IllegalStateException}
     * while an attempt on it is still finishing (try again in a moment).
     */
    public boolean replay(String id) throws IOException {
        requireWritable();
        if (!MessageIds.isValid(id)) {
            return false;
        }
        if (!claim(id)) {
            if (store.find(id).isEmpty()) {
                return false; // its last attempt delivered it and is only finishing up
            }
            // an attempt is still finishing (it may just have moved the entry to dead/)
            throw new IllegalStateException("outbound " + id + " is being delivered right now; try again later");
        }
        try {
            Optional<OutboundEnvelope> dead = store.read(OutboundState.DEAD, id);
            if (dead.isEmpty()) {
                return false;
            }
            store.save(dead.get().replayed(clock.instant()), OutboundState.DEAD, OutboundState.ACTIVE);
            LOG.info("outbound {} replayed by an operator", id);
        } finally {
            release(id);
        }
        DeliveryScheduler running = runningScheduler();
        if (running != null) {
            running.schedule(id, Duration.ZERO);
        }
        return true;
    }

    /**
     * Deletes an entry in any state. False when there is none; {@link IllegalStateException} while
     * it is being delivered (try again in a moment).
     */
    public boolean purge(String id) throws IOException {
        requireWritable();
        if (!MessageIds.isValid(id)) {
            return false;
        }
        if (!claim(id)) {
            throw new IllegalStateException("outbound " + id + " is being delivered right now; try again later");
        }
        try {
            Optional<QueueStore.Located> found = store.find(id);
            if (found.isEmpty()) {
                return false;
            }
            store.remove(id, found.get().state());
            LOG.info("outbound {} purged by an operator from {}", id, found.get().state().directory());
            return true;
        } finally {
            release(id);
        }
    }

    /** Stops the workers (attempts in progress get {@link #CLOSE_GRACE} to finish) and releases the lock. */
    @Override
    public void close() throws IOException {
        DeliveryScheduler running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = scheduler;
        }
        if (running != null) {
            running.close(CLOSE_GRACE);
        }
        if (lock != null) {
            lock.release();
        }
        lockFile.close();
    }

    /** One attempt of one entry; every failure is logged and leaves the entry queued. */
    private void attempt(String id, Deliverer deliverer) {
        if (!claim(id)) {
            return; // replayed or purged at this moment; whoever holds it reschedules
        }
        try {
            Optional<QueueStore.Located> found = store.find(id);
            if (found.isEmpty() || found.get().state() == OutboundState.DEAD) {
                return; // purged, or already finished
            }
            OutboundEnvelope envelope = found.get().envelope();
            if (found.get().state() == OutboundState.DEFERRED) {
                envelope = envelope.revised();
                store.save(envelope, OutboundState.DEFERRED, OutboundState.ACTIVE);
            }
            List<String> pending = envelope.pending().stream().map(RecipientState::address).toList();
            List<RecipientResult> results = pending.isEmpty() ? List.of()
                    : deliverer.deliver(id, envelope.mailFrom(), pending, store.message(id));
            record(envelope, results);
        } catch (IOException | RuntimeException e) {
            LOG.error("outbound {}: attempt failed inside the queue; retrying in {}", id, settings.retryInitial(), e);
            DeliveryScheduler running = runningScheduler();
            if (running != null) {
                running.schedule(id, settings.retryInitial());
            }
        } finally {
            release(id);
        }
    }

    /** Applies an attempt's results and moves the entry to its next state. */
    private void record(OutboundEnvelope envelope, List<RecipientResult> results) throws IOException {
        Instant now = clock.instant();
        Map<String, RecipientResult> byAddress = new HashMap<>();
        results.forEach(r -> byAddress.put(r.address(), r));
        int attempts = envelope.attempts() + 1;
        boolean expired = backoff.expired(envelope.retryFrom(), now);
        String lastReply = "";
        List<RecipientState> recipients = new ArrayList<>();
        List<RecipientState> finished = new ArrayList<>();
        for (RecipientState recipient : envelope.recipients()) {
            RecipientResult result = byAddress.get(recipient.address());
            if (recipient.status() != RecipientStatus.PENDING || result == null) {
                recipients.add(recipient);
                continue;
            }
            DeliveryOutcome outcome = result.outcome();
            String reply = result.reply();
            if (outcome == DeliveryOutcome.DEFERRED && expired) {
                outcome = DeliveryOutcome.FAILED;
                reply = "554 5.4.7 delivery time expired after " + settings.maxAge() + " and " + attempts
                        + " attempts; last reply: " + reply;
            }
            metrics.recipient(outcome);
            if (outcome != DeliveryOutcome.DELIVERED && lastReply.isEmpty()) {
                lastReply = reply;
            }
            RecipientStatus status = switch (outcome) {
                case DELIVERED -> RecipientStatus.DELIVERED;
                case DEFERRED -> RecipientStatus.PENDING;
                case FAILED -> RecipientStatus.FAILED;
            };
            RecipientState next = recipient.with(status, reply, result.host(), now);
            recipients.add(next);
            if (status != RecipientStatus.PENDING) {
                finished.add(next);
            }
        }
        OutboundEnvelope updated = envelope.withRecipients(recipients, attempts,
                backoff.next(envelope.retryFrom(), now, attempts), lastReply);
        String id = envelope.id();
        if (!updated.pending().isEmpty()) {
            store.save(updated, OutboundState.ACTIVE, OutboundState.DEFERRED);
            LOG.info("outbound {} deferred: {} recipient(s) pending, next attempt at {}", id,
                    updated.pending().size(), updated.nextAttempt());
            DeliveryScheduler running = runningScheduler();
            if (running != null) {
                running.schedule(id, Duration.between(clock.instant(), updated.nextAttempt()));
            }
        } else if (updated.anyFailed()) {
            store.save(updated, OutboundState.ACTIVE, OutboundState.DEAD);
            // TODO (sending issue): a DSN to a non-null sender for the failed recipients
            LOG.warn("outbound {} dead: {}", id, updated.lastReply());
        } else {
            store.remove(id, OutboundState.ACTIVE);
            LOG.info("outbound {} delivered to every recipient; removed from the queue", id);
        }
        notifyListeners(updated, finished);
    }

    /** Hands final outcomes (already on disk) of a tagged entry to the listeners; never throws. */
    private void notifyListeners(OutboundEnvelope envelope, List<RecipientState> finished) {
        if (envelope.tags().isEmpty() || finished.isEmpty()) {
            return;
        }
        for (DeliveryListener listener : listeners) {
            for (RecipientState r : finished) {
                try {
                    listener.onOutcome(envelope.id(), envelope.tags(), r.address(),
                            r.status() == RecipientStatus.DELIVERED, r.reply(), r.host(), r.updatedAt());
                } catch (RuntimeException e) {
                    LOG.error("outbound {}: a delivery listener failed for <{}>", envelope.id(), r.address(), e);
                }
            }
        }
    }

    private boolean claim(String id) {
        synchronized (busy) {
            return busy.add(id);
        }
    }

    private void release(String id) {
        synchronized (busy) {
            busy.remove(id);
        }
    }

    private synchronized DeliveryScheduler runningScheduler() {
        return closed ? null : scheduler;
    }

    private void requireWritable() {
        if (closed) {
            throw new IllegalStateException("outbound queue " + directory + " is closed");
        }
        if (lock == null) {
            throw new IllegalStateException("outbound queue " + directory
                    + " is held by another process (the running daemon); change it through the daemon's API");
        }
    }
}
