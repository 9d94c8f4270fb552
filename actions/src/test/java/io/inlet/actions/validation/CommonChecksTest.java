package io.inlet.actions.validation;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommonChecksTest {

    @ParameterizedTest(name = "optional topic [{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                                          | OK
            arn:aws:sns:us-east-1:123456789012:t          | OK
            ''                                            | 'Invalid SNS topic: '
            non-existent-topic                            | Invalid SNS topic: non-existent-topic
            arn:aws:sns:us-east-1:123456789012            | Invalid SNS topic: arn:aws:sns:us-east-1:123456789012
            """)
    void optionalTopic(String topic, String expected) {
        Map<String, String> params = new HashMap<>();
        if (topic != null) {
            params.put("TopicArn", topic);
        }
        ActionSpec spec = new ActionSpec("StopAction", params);
        if (expected.equals("OK")) {
            assertThatCode(() -> CommonChecks.optionalTopic(spec)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> CommonChecks.optionalTopic(spec))
                    .isInstanceOf(ActionValidationException.class)
                    .hasMessage(expected)
                    .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        }
    }
}
