package io.inlet.deploy.it;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.ses.model.SesException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the errors the SDK raises for SES error responses. */
final class SesErrors {
    static final String NAME_PATTERN = "^[a-zA-Z0-9_.-]+$";

    private SesErrors() {
    }

    /**
     * The call fails with exactly this SDK exception class (the generic {@link SesException} for
     * unmodeled codes), HTTP 400, this wire code and this message.
     */
    static void assertSesError(ThrowingCallable call, Class<? extends SesException> type, String code, String message) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(type)
                .satisfies(t -> {
                    SesException e = (SesException) t;
                    assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).as("error message").isEqualTo(message);
                });
    }

    /** As {@link #assertSesError} where the docs leave the message open: class, status and code only. */
    static void assertSesErrorCode(ThrowingCallable call, Class<? extends SesException> type, String code) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(type)
                .satisfies(t -> {
                    SesException e = (SesException) t;
                    assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(code);
                });
    }

    /** An unmodeled {@code InvalidParameterValue}. */
    static void assertInvalidParameter(ThrowingCallable call, String message) {
        assertSesError(call, SesException.class, "InvalidParameterValue", message);
    }

    /** An unmodeled Smithy-style {@code ValidationError}. */
    static void assertValidationError(ThrowingCallable call, String message) {
        assertSesError(call, SesException.class, "ValidationError", message);
    }

    /** The Smithy message for one name that fails the name pattern at {@code path}. */
    static String patternViolation(String path) {
        return "1 validation error detected: Value at '" + path
                + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + NAME_PATTERN;
    }
}
