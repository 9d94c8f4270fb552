package io.inlet.example;

import io.inlet.rules.spi.LambdaFunction;

import java.util.regex.Pattern;

/**
 * The {@code spam-gate} function: for a LambdaAction with {@code InvocationType RequestResponse},
 * returns {@code STOP_RULE_SET} when the message is spam, so no later action or rule runs (the S3
 * action after it stores only wanted mail); {@code CONTINUE} otherwise.
 *
 * <p>Spam means: the receipt's spam or virus verdict is {@code FAIL} (rules with ScanEnabled), or
 * the Subject carries the tag an upstream filter adds ({@code [SPAM]}, {@code ***SPAM***}). The
 * Subject pattern can be changed with the system property {@value #PATTERN_PROPERTY}.
 */
public final class SpamGate implements LambdaFunction {

    public static final String NAME = "spam-gate";
    public static final String PATTERN_PROPERTY = "inlet.spam-gate.subject-pattern";
    static final String DEFAULT_PATTERN = "(?i)^\\s*(\\[spam]|\\*+\\s*spam\\s*\\*+)";

    private final Pattern subjectTag;

    public SpamGate() {
        this(Pattern.compile(System.getProperty(PATTERN_PROPERTY, DEFAULT_PATTERN)));
    }

    SpamGate(Pattern subjectTag) {
        this.subjectTag = subjectTag;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String invoke(String eventJson) {
        Object ses = Json.path(Json.parse(eventJson), "Records", 0, "ses");
        boolean spam = failed(ses, "spamVerdict") || failed(ses, "virusVerdict") || taggedSubject(ses);
        return "{\"disposition\":\"" + (spam ? "STOP_RULE_SET" : "CONTINUE") + "\"}";
    }

    private static boolean failed(Object ses, String verdict) {
        return "FAIL".equals(Json.path(ses, "receipt", verdict, "status"));
    }

    private boolean taggedSubject(Object ses) {
        return Json.path(ses, "mail", "commonHeaders", "subject") instanceof String subject
                && subjectTag.matcher(subject).find();
    }
}
