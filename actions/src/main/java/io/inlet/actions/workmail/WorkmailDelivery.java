package io.inlet.actions.workmail;

import io.inlet.actions.validation.Arns;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.PermanentFailureException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers a message to the recipients a WorkMail action's rule matched, at the mailbox server
 * mapped from the organization, remembering who already has it so the engine's retries of the
 * action reach only the rest. Layout under the data dir: {@code workmail/<organization id>/...}
 * (embedded Maildir) and {@code workmail/delivered/} (the delivery records).
 */
public final class WorkmailDelivery {

    /** Records of actions that never completed are kept this long for a replay from the dead-letter area. */
    private static final Duration RECORD_RETENTION = Duration.ofDays(30);

    private final WorkmailSettings settings;
    private final Path root;
    private final Path records;
    private final String hostname;
    private final MaildirNames names;

    private WorkmailDelivery(WorkmailSettings settings, Path root, String hostname, Clock clock) {
        this.settings = settings;
        this.root = root;
        this.records = root.resolve("delivered");
        this.hostname = hostname;
        this.names = new MaildirNames(clock, hostname);
    }

    public static WorkmailDelivery open(WorkmailSettings settings, Path dataDirectory, String hostname, Clock clock)
            throws IOException {
        WorkmailDelivery delivery = new WorkmailDelivery(settings, dataDirectory.resolve("workmail"), hostname, clock);
        DeliveryRecord.prune(delivery.records, clock.instant().minus(RECORD_RETENTION));
        return delivery;
    }

    /**
     * Returns normally when every matched recipient has the message (now or in an earlier try).
     *
     * @throws PermanentFailureException when every recipient still missing was refused for good
     *                                   (5xx), or the organization is not mapped and unmapped ones are rejected
     * @throws IOException               when the server could not be reached, or refused some
     *                                   recipient only for now (4xx): the engine retries
     */
    public void deliver(String organizationArn, ActionContext context) throws IOException {
        MailboxServer server = serverFor(organizationArn);
        DeliveryRecord record = record(organizationArn, context);
        List<String> missing = context.recipients().stream().filter(r -> !record.isDelivered(r)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, Reply> replies;
        try {
            replies = transport(server, organizationArn).deliver(context.mailFrom(), missing, context.message());
        } catch (IOException e) {
            throw new IOException("WorkMail organization " + organizationArn + ": " + e.getMessage(), e);
        }
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Reply> reply : replies.entrySet()) {
            if (reply.getValue().isPositive()) {
                record.add(reply.getKey());
            } else {
                failed.add(reply.getKey() + " (" + reply.getValue() + ")");
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        String detail = String.join("; ", failed);
        if (replies.values().stream().filter(r -> !r.isPositive()).allMatch(Reply::isPermanent)) {
            throw new PermanentFailureException("WorkMail organization " + organizationArn + ": " + server
                    + " refused the message for good for " + detail);
        }
        throw new IOException("WorkMail organization " + organizationArn + ": delivery to " + server
                + " failed for now for " + detail);
    }

    /** Forgets who got the message, once the whole action completed (its notification included). */
    public void completed(String organizationArn, ActionContext context) throws IOException {
        record(organizationArn, context).delete();
    }

    private MailboxServer serverFor(String organizationArn) {
        if (!Arns.isWorkmailOrganization(organizationArn)) {
            throw new PermanentFailureException("Invalid WorkMail organization: " + organizationArn);
        }
        return settings.serverFor(organizationArn).orElseThrow(() -> new PermanentFailureException(
                "Could not find WorkMail organization: " + organizationArn + " (it is not in "
                        + WorkmailSettings.ORGANIZATIONS + " and " + WorkmailSettings.DEFAULT + " is reject)"));
    }

    private MailboxTransport transport(MailboxServer server, String organizationArn) {
        return switch (server.protocol()) {
            case MAILDIR -> new MaildirStore(root.resolve(organizationId(organizationArn)), names);
            case LMTP, SMTP -> new MailTransferClient(server, hostname, settings.timeout());
        };
    }

    private DeliveryRecord record(String organizationArn, ActionContext context) throws IOException {
        String rule = context.ruleSetName() + "/" + context.ruleName();
        return DeliveryRecord.open(records, context.messageId(), rule, organizationArn);
    }

    /** {@code m-...} from {@code arn:aws:workmail:REGION:ACCOUNT:organization/m-...} (already validated). */
    private static String organizationId(String organizationArn) {
        return organizationArn.substring(organizationArn.lastIndexOf('/') + 1);
    }
}
