package io.inlet.actions.dsn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BounceReasonTest {

    @Test
    void aGivenStatusCodeIsKept() {
        BounceReason reason = new BounceReason("b@example.com", "552", "5.2.3", "Message length exceeds limit set by recipient");

        assertThat(reason.effectiveStatusCode()).isEqualTo("5.2.3");
        assertThat(reason.smtpDiagnostic()).isEqualTo("552 5.2.3 Message length exceeds limit set by recipient");
    }

    @Test
    void aMissingStatusCodeComesFromTheReplyClass() {
        assertThat(new BounceReason("b@example.com", "450", null, "m").effectiveStatusCode()).isEqualTo("4.0.0");
        assertThat(new BounceReason("b@example.com", "451", "", "m").effectiveStatusCode()).isEqualTo("4.0.0");
        assertThat(new BounceReason("b@example.com", "550", null, "m").effectiveStatusCode()).isEqualTo("5.0.0");
        assertThat(new BounceReason("b@example.com", "554", null, "Unknown failure").smtpDiagnostic())
                .isEqualTo("554 5.0.0 Unknown failure");
    }
}
