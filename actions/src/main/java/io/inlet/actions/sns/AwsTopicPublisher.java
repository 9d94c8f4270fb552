package io.inlet.actions.sns;

import io.inlet.actions.validation.Arns;
import io.inlet.rules.spi.PermanentFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes through the SNS API (AWS, or any SNS-compatible endpoint). Credentials come from the
 * SDK's default chain, resolved on first use, so a daemon without credentials starts and its
 * publishes fail and are retried. Without {@code actions.sns.region} each topic is reached in the
 * region its ARN names (SES requires topics in the receiving region), one client per region.
 */
final class AwsTopicPublisher implements ClosableTopicPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(AwsTopicPublisher.class);

    private final SnsSettings settings;
    private final DefaultCredentialsProvider credentials;
    private final Map<String, SnsClient> clientsByRegion = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private AwsTopicPublisher(SnsSettings settings, DefaultCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    static AwsTopicPublisher create(SnsSettings settings) {
        return new AwsTopicPublisher(settings, DefaultCredentialsProvider.builder().build());
    }

    /**
     * A topic that does not exist, and a request SNS refuses as invalid (e.g. a message over its
     * size limit), cannot succeed later: permanent. Anything else (network, throttling,
     * credentials) propagates and is retried.
     */
    @Override
    public String publish(String topicArn, String subject, String message) {
        if (!Arns.isSnsTopic(topicArn)) {
            throw new PermanentFailureException("Invalid SNS topic: " + topicArn);
        }
        try {
            return client(topicArn).publish(r -> r.topicArn(topicArn).subject(subject).message(message)).messageId();
        } catch (NotFoundException e) {
            throw new PermanentFailureException("SNS topic does not exist: " + topicArn, e);
        } catch (InvalidParameterException | InvalidParameterValueException e) {
            throw new PermanentFailureException("SNS refused the notification for " + topicArn + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    /** SNS's own answer: the topic's attributes can be read with our credentials. */
    @Override
    public boolean canPublish(String topicArn) {
        if (!Arns.isSnsTopic(topicArn)) {
            return false;
        }
        try {
            client(topicArn).getTopicAttributes(r -> r.topicArn(topicArn));
            return true;
        } catch (RuntimeException e) {
            LOG.info("SNS topic {} is not usable: {}", topicArn, e.toString());
            return false;
        }
    }

    private SnsClient client(String topicArn) {
        if (closed) {
            throw new IllegalStateException("the SNS topic publisher is closed");
        }
        String region = settings.region().orElseGet(() -> topicArn.split(":")[3]);
        return clientsByRegion.computeIfAbsent(region, this::newClient);
    }

    private SnsClient newClient(String region) {
        SnsClientBuilder builder = SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .credentialsProvider(credentials);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        closed = true;
        clientsByRegion.values().forEach(SnsClient::close);
        clientsByRegion.clear();
        credentials.close(); // the clients do not close a provider they were given
    }
}
