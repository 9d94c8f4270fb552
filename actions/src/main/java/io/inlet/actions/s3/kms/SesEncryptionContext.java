package io.inlet.actions.s3.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KMS encryption context of an SES-encrypted object, which is also its {@code x-amz-matdesc}.
 *
 * <p>SES names {@code aws:ses:source-account}, {@code aws:ses:rule-name} and
 * {@code aws:ses:message-id} (AWS KMS guide, "How Amazon SES uses AWS KMS"); real objects carry
 * those plus {@code kms_cmk_id} in {@code x-amz-matdesc} (SES-RECEIVING.md §3.4). With the
 * {@code kms} wrapping algorithm the S3 Encryption Client passes the whole materials description to
 * KMS {@code Decrypt} as the encryption context, so the data key must be generated under exactly
 * that map, {@code kms_cmk_id} included, or no S3 Encryption Client could open the object.
 */
public final class SesEncryptionContext {

    public static final String MESSAGE_ID = "aws:ses:message-id";
    public static final String RULE_NAME = "aws:ses:rule-name";
    public static final String SOURCE_ACCOUNT = "aws:ses:source-account";
    public static final String KMS_CMK_ID = "kms_cmk_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEncryptionContext() {
    }

    /** The context in the order of the observed {@code x-amz-matdesc} (the order means nothing to KMS). */
    public static Map<String, String> of(String messageId, String ruleName, String accountId, String keyArn) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put(MESSAGE_ID, messageId);
        context.put(RULE_NAME, ruleName);
        context.put(SOURCE_ACCOUNT, accountId);
        context.put(KMS_CMK_ID, keyArn);
        return Collections.unmodifiableMap(context);
    }

    /** The {@code x-amz-matdesc} value: the context as a compact JSON object. */
    public static String json(Map<String, String> context) {
        try {
            return JSON.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a map of strings always serializes
        }
    }
}
