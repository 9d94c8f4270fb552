package io.inlet.actions;

import io.inlet.actions.s3.AwsObjectStore;
import io.inlet.actions.s3.EmbeddedObjectStore;
import io.inlet.actions.s3.NoSuchBucketException;
import io.inlet.actions.s3.ObjectStore;
import io.inlet.actions.s3.S3Settings;
import io.inlet.actions.s3.SetupNotification;
import io.inlet.actions.s3.kms.EncryptedMessage;
import io.inlet.actions.s3.kms.EnvelopeEncryption;
import io.inlet.actions.s3.kms.KmsKeys;
import io.inlet.actions.s3.kms.SesEncryptionContext;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.validation.BucketNames;
import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.ErrorCodes;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES {@code S3Action}: stores the message as {@code ObjectKeyPrefix + messageId} in a bucket,
 * in the embedded store under the data dir or through the S3 API ({@code actions.s3.backend}).
 * With {@code KmsKeyArn} the object is encrypted client-side as SES does it (package
 * {@code io.inlet.actions.s3.kms}); with {@code TopicArn} a notification follows the write.
 */
public final class S3Action implements ActionPlugin {

    public static final String TYPE = "S3Action";
    public static final String BUCKET_NAME = "BucketName";
    public static final String OBJECT_KEY_PREFIX = "ObjectKeyPrefix";
    public static final String KMS_KEY_ARN = "KmsKeyArn";
    public static final String IAM_ROLE_ARN = "IamRoleArn";

    private static final Logger LOG = LoggerFactory.getLogger(S3Action.class);

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(BUCKET_NAME),
            ActionParameter.optional(OBJECT_KEY_PREFIX),
            ActionParameter.optional(KMS_KEY_ARN),
            ActionParameter.optional(CommonChecks.TOPIC_ARN),
            // constrained by the SES model (IAMRoleARN): violations are ValidationErrors
            ActionParameter.constrained(IAM_ROLE_ARN, false, Arns.IAM_ROLE_MIN, Arns.IAM_ROLE_MAX, Arns.IAM_ROLE_PATTERN));

    private volatile ObjectStore store;
    private volatile KmsKeys kms; // null: KmsKeyArn cannot be honoured (not started, or no KMS configured)
    private volatile TopicPublisher topics; // null: the daemon has none (or not started)
    private volatile Clock clock = Clock.systemUTC();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, String> settingDefaults() {
        return S3Settings.DEFAULTS;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        S3Settings.parse(settings);
    }

    @Override
    public void start(PluginEnvironment environment) throws IOException {
        S3Settings settings = S3Settings.parse(environment.settings());
        clock = environment.clock();
        topics = topicsOf(environment);
        kms = KmsKeys.create(settings).orElse(null);
        store = switch (settings.backend()) {
            case EMBEDDED -> EmbeddedObjectStore.open(environment.dataDirectory().resolve("s3"), settings.buckets());
            case AWS -> {
                if (!settings.buckets().isEmpty()) {
                    LOG.warn("{} is ignored with the aws backend: Inlet does not create buckets there", S3Settings.BUCKETS);
                }
                yield AwsObjectStore.create(settings);
            }
        };
    }

    /**
     * Probed order: topic first, then the bucket; then the KMS key and the IAM role. In strict
     * mode the setup object is then written, which proves the bucket exists and is writable (and,
     * with a key, encrypted like mail, that KMS gives data keys for it). In lenient mode it is
     * still attempted (so tools that wait for it find it) and failures ignored.
     */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action, context, topics);
        String bucket = action.get(BUCKET_NAME);
        if (bucket == null || bucket.isEmpty()) {
            throw ActionValidationException.invalidParameter("Bucket name must not be empty");
        }
        if (!BucketNames.isValid(bucket)) {
            // No such bucket can exist, so answer what SES says for a bucket it cannot write to.
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Could not write to bucket: " + bucket);
        }
        checkKmsKey(action.get(KMS_KEY_ARN), context);
        if (context.checkTargets()) {
            writeSetupObject(started(), action, bucket, context);
        } else if (store != null) {
            tryWriteSetupObject(store, action, bucket, context);
        }
    }

    /**
     * A malformed ARN, or no KMS to use it with, is refused in both modes: a rule that could not
     * store a single message must not be created. In strict mode the key must also be usable.
     */
    private void checkKmsKey(String kmsKey, ValidationContext context) throws ActionValidationException {
        if (kmsKey == null) {
            return;
        }
        KmsKeys keys = kms;
        if (!Arns.isKmsKey(kmsKey) || keys == null || (context.checkTargets() && !keys.isUsable(kmsKey))) {
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Unable to use AWS KMS key: " + kmsKey);
        }
    }

    /**
     * The stored bytes are the message as the context gives it (Inlet's headers and AddHeader's
     * included), encrypted when the action has a {@code KmsKeyArn}. Same key on a retry, so a
     * repeated run replaces the object. The {@code TopicArn} notification ({@code type: S3}, no
     * content) is published once the object is written. The IAM role is not assumed: the
     * backend's own credentials are used.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        TopicPublisher publisher = publisherFor(action);
        String bucket = action.get(BUCKET_NAME);
        String key = action.getOrDefault(OBJECT_KEY_PREFIX, "") + context.messageId();
        put(started(), bucket, key, context.message(), action.get(KMS_KEY_ARN),
                context.messageId(), context.ruleName(), context.accountId());
        Map<String, Object> receiptAction = new LinkedHashMap<>();
        receiptAction.put("type", "S3");
        receiptAction.put("bucketName", bucket);
        receiptAction.put("objectKey", key);
        TopicNotifications.publishIfAsked(publisher, action, context, receiptAction);
        return ActionOutcome.CONTINUE;
    }

    @Override
    public void close() {
        ObjectStore current = store;
        if (current != null) {
            current.close();
        }
        KmsKeys keys = kms;
        if (keys != null) {
            keys.close();
        }
    }

    private void writeSetupObject(ObjectStore target, ActionSpec action, String bucket, ValidationContext context)
            throws ActionValidationException {
        try {
            putSetupObject(target, action, bucket, context);
        } catch (NoSuchBucketException e) {
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "No such bucket: " + bucket);
        } catch (IOException | RuntimeException e) {
            LOG.info("setup object for bucket {} could not be written", bucket, e);
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Could not write to bucket: " + bucket);
        }
    }

    private void tryWriteSetupObject(ObjectStore target, ActionSpec action, String bucket, ValidationContext context) {
        try {
            putSetupObject(target, action, bucket, context);
        } catch (IOException | RuntimeException e) {
            LOG.debug("lenient validation: setup object for bucket {} not written: {}", bucket, e.toString());
        }
    }

    /** With a key, the setup object is encrypted like mail: a rule with KmsKeyArn never writes plaintext. */
    private void putSetupObject(ObjectStore target, ActionSpec action, String bucket, ValidationContext context)
            throws IOException {
        String key = action.getOrDefault(OBJECT_KEY_PREFIX, "") + SetupNotification.OBJECT_NAME;
        put(target, bucket, key, SetupNotification.message(clock, bucket), action.get(KMS_KEY_ARN),
                SetupNotification.OBJECT_NAME, context.ruleName(), context.accountId());
    }

    /**
     * Stores {@code content} as is, or, with a {@code kmsKey}, encrypted while it is written, under
     * the encryption context SES uses for {@code messageId} in that rule and account.
     */
    private void put(ObjectStore target, String bucket, String key, MessageContent content, String kmsKey,
                     String messageId, String ruleName, String accountId) throws IOException {
        if (kmsKey == null) {
            target.put(bucket, key, content);
            return;
        }
        Map<String, String> encryptionContext = SesEncryptionContext.of(messageId, ruleName, accountId, kmsKey);
        EncryptedMessage sealed = EnvelopeEncryption.seal(kmsFor(kmsKey), kmsKey, encryptionContext, content);
        target.put(bucket, key, sealed.content(), sealed.metadata());
    }

    /** validate() refuses such rules; if KMS went away since, never store in the clear. */
    private KmsKeys kmsFor(String kmsKey) {
        KmsKeys keys = kms;
        if (keys == null) {
            throw new PermanentFailureException("S3Action with KmsKeyArn " + kmsKey + ": no KMS is configured ("
                    + S3Settings.KMS_ENDPOINT + ", or backend aws); the message is not stored unencrypted");
        }
        return keys;
    }

    /** Checked before the write: an action that must fail anyway stores nothing. */
    private TopicPublisher publisherFor(ActionSpec action) {
        String topicArn = action.get(CommonChecks.TOPIC_ARN);
        TopicPublisher publisher = topics;
        if (topicArn != null && !topicArn.isEmpty() && publisher == null) {
            throw new PermanentFailureException("S3Action with TopicArn " + topicArn
                    + ": this daemon has no topic publisher; the notification cannot be sent");
        }
        return publisher;
    }

    private static TopicPublisher topicsOf(PluginEnvironment environment) {
        try {
            return environment.topics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private ObjectStore started() {
        ObjectStore current = store;
        if (current == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        return current;
    }
}
