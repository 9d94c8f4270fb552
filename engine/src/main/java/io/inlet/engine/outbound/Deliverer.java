package io.inlet.engine.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery attempt of one entry's pending recipients: all of them in one transaction through
 * the relay, or one transaction per recipient domain to its MX hosts, trying the next host while
 * a host cannot be reached. Logs one line per recipient result.
 */
final class Deliverer {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final OutboundSettings settings;
    private final MxResolver mx;
    private final SmtpSender sender;
    private final OutboundMetrics metrics;

    Deliverer(OutboundSettings settings, MxResolver mx, SmtpSender sender, OutboundMetrics metrics) {
        this.settings = settings;
        this.mx = mx;
        this.sender = sender;
        this.metrics = metrics;
    }

    List<RecipientResult> deliver(String id, String mailFrom, List<String> recipients, Path message) {
        List<RecipientResult> results = new ArrayList<>();
        if (settings.usesRelay()) {
            results.addAll(transaction(id, "*", List.of(SmtpTarget.relay(settings)), mailFrom, recipients, message));
        } else {
            for (Map.Entry<String, List<String>> domain : byDomain(recipients).entrySet()) {
                results.addAll(toDomain(id, domain.getKey(), mailFrom, domain.getValue(), message));
            }
        }
        return results;
    }

    private List<RecipientResult> toDomain(String id, String domain, String mailFrom, List<String> recipients,
                                           Path message) {
        MxResolver.Route route = mx.resolve(domain);
        if (route instanceof MxResolver.Unroutable unroutable) {
            DeliveryOutcome outcome = unroutable.permanent() ? DeliveryOutcome.FAILED : DeliveryOutcome.DEFERRED;
            List<RecipientResult> results = recipients.stream()
                    .map(r -> RecipientResult.of(r, outcome, unroutable.reason(), "")).toList();
            log(id, domain, results);
            return results;
        }
        List<SmtpTarget> targets = new ArrayList<>();
        for (MxResolver.Host host : ((MxResolver.Hosts) route).hosts()) {
            for (InetAddress address : host.addresses()) {
                targets.add(SmtpTarget.mx(host.name(), address, settings.mxPort()));
            }
        }
        return transaction(id, domain, targets, mailFrom, recipients, message);
    }

    /** Tries the targets in order until one answers; defers everything when none does. */
    private List<RecipientResult> transaction(String id, String domain, List<SmtpTarget> targets, String mailFrom,
                                              List<String> recipients, Path message) {
        List<String> unreachable = new ArrayList<>();
        for (SmtpTarget target : targets) {
            long start = System.nanoTime();
            SmtpSender.Outcome outcome = sender.send(target, mailFrom, recipients, message);
            metrics.attemptTook(System.nanoTime() - start);
            if (outcome instanceof SmtpSender.Answered answered) {
                log(id, domain, answered.results());
                return answered.results();
            }
            String reason = ((SmtpSender.Unreachable) outcome).reason();
            LOG.info("outbound {} domain={} host={} unreachable: {}", id, domain, target.label(),
                    Replies.oneLine(reason));
            unreachable.add(target.label() + ": " + reason);
        }
        String reply = "451 4.4.1 no server took the message: " + String.join("; ", unreachable);
        String host = targets.isEmpty() ? "" : targets.get(targets.size() - 1).label();
        List<RecipientResult> results = recipients.stream()
                .map(r -> RecipientResult.of(r, DeliveryOutcome.DEFERRED, reply, host)).toList();
        log(id, domain, results);
        return results;
    }

    private static Map<String, List<String>> byDomain(List<String> recipients) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String recipient : recipients) {
            groups.computeIfAbsent(EnvelopeAddresses.domain(recipient), d -> new ArrayList<>()).add(recipient);
        }
        return groups;
    }

    private static void log(String id, String domain, List<RecipientResult> results) {
        for (RecipientResult result : results) {
            LOG.info("outbound {} to={} domain={} host={} outcome={} reply=\"{}\"", id, result.address(), domain,
                    result.host().isEmpty() ? "-" : result.host(), result.outcome().tag(), result.reply());
        }
    }
}
