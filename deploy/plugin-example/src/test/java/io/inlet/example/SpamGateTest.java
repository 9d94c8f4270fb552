package io.inlet.example;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpamGateTest {
    private final SpamGate gate = new SpamGate();

    static String event(String subject, String spamStatus) {
        return """
                {"Records":[{"eventSource":"aws:ses","eventVersion":"1.0","ses":{
                  "mail":{"messageId":"m1","headers":[{"name":"Subject","value":"x"}],
                          "commonHeaders":{"from":["a@b.test"],"subject":%s}},
                  "receipt":{"spamVerdict":{"status":"%s"},"virusVerdict":{"status":"PASS"},
                             "action":{"type":"Lambda","functionArn":"arn:aws:lambda:us-east-1:1:function:spam-gate"}}}}]}
                """.formatted(subject == null ? "null" : "\"" + subject + "\"", spamStatus);
    }

    @Test
    void taggedSubjectsStopTheRuleSet() {
        assertThat(gate.invoke(event("[SPAM] cheap pills", "PASS"))).isEqualTo("{\"disposition\":\"STOP_RULE_SET\"}");
        assertThat(gate.invoke(event("  ***** Spam ***** offer", "PASS"))).contains("STOP_RULE_SET");
        // escaped characters are decoded before matching
        assertThat(gate.invoke(event("\\u005bspam\\u005d \\\"quoted\\\"", "PASS"))).contains("STOP_RULE_SET");
    }

    @Test
    void aFailedSpamVerdictStopsTheRuleSet() {
        assertThat(gate.invoke(event("Hello", "FAIL"))).contains("STOP_RULE_SET");
    }

    @Test
    void otherMailContinues() {
        assertThat(gate.invoke(event("Hello [spam] in the middle", "PASS"))).isEqualTo("{\"disposition\":\"CONTINUE\"}");
        assertThat(gate.invoke(event(null, "DISABLED"))).contains("CONTINUE");
        assertThat(gate.invoke("{\"Records\":[]}")).contains("CONTINUE");
    }

    @Test
    void thePatternCanBeReplaced() {
        SpamGate custom = new SpamGate(Pattern.compile("^Newsletter"));
        assertThat(custom.invoke(event("Newsletter 12", "PASS"))).contains("STOP_RULE_SET");
        assertThat(custom.invoke(event("[SPAM] x", "PASS"))).contains("CONTINUE");
    }

    @Test
    void jsonIsReadStrictly() {
        assertThat(Json.parse(" {\"a\":[1,-2.5e3,true,false,null,\"\\ud83d\\ude00\"],\"b\":{}} "))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(new java.math.BigDecimal("1"),
                        new java.math.BigDecimal("-2.5e3"), true, false, null, "\uD83D\uDE00"), "b", Map.of()));
        assertThat(Json.path(Json.parse("{\"a\":[{\"b\":\"c\"}]}"), "a", 0, "b")).isEqualTo("c");
        assertThat(Json.path(Json.parse("{\"a\":[]}"), "a", 0, "b")).isNull();
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "01", "\"a", "tru", "{} x", "\"\\x\"")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> gate.invoke("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
