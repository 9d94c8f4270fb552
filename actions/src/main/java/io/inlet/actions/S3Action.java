package io.inlet.actions;

import io.inlet.actions.s3.AwsObjectStore;
import io.inlet.actions.s3.EmbeddedObjectStore;
import io.inlet.actions.s3.NoSuchBucketException;
import io.inlet.actions.s3.ObjectStore;
import io.inlet.actions.s3.S3Settings;
import io.inlet.actions.s3.SetupNotification;
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
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.ValidationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * SES {@code S3Action}: stores the message as {@code ObjectKeyPrefix + messageId} in a bucket,
 * in the embedded store under the data dir or through the S3 API ({@code actions.s3.backend}).
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
     * mode the setup object is then written, which proves the bucket exists and is writable. In
     * lenient mode it is still attempted (so tools that wait for it find it) and failures ignored.
     */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
        String bucket = action.get(BUCKET_NAME);
        if (bucket == null || bucket.isEmpty()) {
            throw ActionValidationException.invalidParameter("Bucket name must not be empty");
        }
        if (!BucketNames.isValid(bucket)) {
            // No such bucket can exist, so answer what SES says for a bucket it cannot write to.
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Could not write to bucket: " + bucket);
        }
        String kmsKey = action.get(KMS_KEY_ARN);
        if (kmsKey != null) {
            // No KMS endpoint can be configured yet (issue 4), so no key is usable, in either mode:
            // a rule that could not store a single message must not be created.
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Unable to use AWS KMS key: " + kmsKey);
        }
        if (context.checkTargets()) {
            writeSetupObject(started(), action, bucket);
        } else if (store != null) {
            tryWriteSetupObject(store, action, bucket);
        }
    }

    /**
     * The stored bytes are the message as the context gives it (Inlet's headers and AddHeader's
     * included). Same key on a retry, so a repeated run replaces the object with identical bytes.
     * The IAM role is not assumed: the backend's own credentials are used.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws IOException {
        String kmsKey = action.get(KMS_KEY_ARN);
        if (kmsKey != null) {
            // validate() refuses such rules; never store what should be encrypted in the clear.
            throw new UnsupportedOperationException("S3Action with KmsKeyArn " + kmsKey
                    + ": KMS encryption comes with issue 4; the message is not stored unencrypted");
        }
        // A TopicArn notification (type S3, no content) is published once the SNS action exists;
        // until then the topic is accepted and not used.
        String key = action.getOrDefault(OBJECT_KEY_PREFIX, "") + context.messageId();
        started().put(action.get(BUCKET_NAME), key, context.message());
        return ActionOutcome.CONTINUE;
    }

    @Override
    public void close() {
        ObjectStore current = store;
        if (current != null) {
            current.close();
        }
    }

    private void writeSetupObject(ObjectStore target, ActionSpec action, String bucket) throws ActionValidationException {
        try {
            target.put(bucket, setupKey(action), SetupNotification.message(clock, bucket));
        } catch (NoSuchBucketException e) {
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "No such bucket: " + bucket);
        } catch (IOException | RuntimeException e) {
            LOG.info("setup object for bucket {} could not be written", bucket, e);
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Could not write to bucket: " + bucket);
        }
    }

    private void tryWriteSetupObject(ObjectStore target, ActionSpec action, String bucket) {
        try {
            target.put(bucket, setupKey(action), SetupNotification.message(clock, bucket));
        } catch (IOException | RuntimeException e) {
            LOG.debug("lenient validation: setup object for bucket {} not written: {}", bucket, e.toString());
        }
    }

    private static String setupKey(ActionSpec action) {
        return action.getOrDefault(OBJECT_KEY_PREFIX, "") + SetupNotification.OBJECT_NAME;
    }

    private ObjectStore started() {
        ObjectStore current = store;
        if (current == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        return current;
    }
}
