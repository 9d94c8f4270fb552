package io.inlet.config.store;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleCodecTest {

    @Test
    void theStoredFormatIsStable() {
        ReceiptRule rule = new ReceiptRule("r", true, TlsPolicy.Require, false, List.of("b.example.com", "a.example.com"),
                List.of(new ReceiptAction(List.of(
                        StoreContract.spec("SNSAction", "TopicArn", "arn:t", "Encoding", "UTF-8"),
                        StoreContract.spec("S3Action", "ObjectKeyPrefix", "p/", "BucketName", "b")))));

        assertThat(RuleCodec.encode(rule)).isEqualTo("{\"v\":1,\"name\":\"r\",\"enabled\":true,\"tlsPolicy\":\"Require\","
                + "\"scanEnabled\":false,\"recipients\":[\"b.example.com\",\"a.example.com\"],\"actions\":[{\"members\":["
                + "{\"type\":\"SNSAction\",\"parameters\":{\"TopicArn\":\"arn:t\",\"Encoding\":\"UTF-8\"}},"
                + "{\"type\":\"S3Action\",\"parameters\":{\"ObjectKeyPrefix\":\"p/\",\"BucketName\":\"b\"}}]}]}");
    }

    @Test
    void everyActionTypeRoundTripsWithAllOrdersKept() {
        ReceiptRule rule = StoreContract.everyActionRule();

        StoreContract.assertSameOrder(RuleCodec.decode(RuleCodec.encode(rule)), rule);
    }

    @Test
    void oddValuesRoundTrip() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("HeaderValue", "");
        params.put("Quote", "\"\\\n\u00e9\ud83d\udce8");
        params.put("Absent", null);
        ReceiptRule rule = new ReceiptRule("ünïcode", false, TlsPolicy.Optional, true, List.of(),
                List.of(ReceiptAction.of(new ActionSpec("com.example.Plugin", params)), new ReceiptAction(List.of())));

        ReceiptRule back = RuleCodec.decode(RuleCodec.encode(rule));

        assertThat(back).isEqualTo(rule);
        assertThat(back.actions().get(0).members().get(0).parameters()).containsKey("Absent");
    }

    @Test
    void refusesUnknownVersionsAndGarbage() {
        assertThatThrownBy(() -> RuleCodec.decode("{\"v\":2,\"name\":\"r\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> RuleCodec.decode("{\"name\":\"r\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleCodec.decode("{\"v\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleCodec.decode("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleCodec.decode("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
