package io.inlet.actions.lambda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionArnTest {

    @Test
    void anUnqualifiedArn() {
        FunctionArn arn = FunctionArn.parse("arn:aws:lambda:eu-west-1:123456789012:function:on-mail");

        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.name()).isEqualTo("on-mail");
        assertThat(arn.qualifier()).isNull();
        assertThat(arn.lookupKeys()).containsExactly("arn:aws:lambda:eu-west-1:123456789012:function:on-mail", "on-mail");
    }

    @Test
    void aQualifiedArnIsLookedUpAsWrittenThenUnqualifiedThenByName() {
        FunctionArn arn = FunctionArn.parse("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn:$LATEST");

        assertThat(arn.qualifier()).isEqualTo("$LATEST");
        assertThat(arn.unqualified()).isEqualTo("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn");
        assertThat(arn.lookupKeys()).containsExactly(
                "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn:$LATEST",
                "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn",
                "fn");
    }

    @Test
    void aMalformedArnIsRefused() {
        assertThatThrownBy(() -> FunctionArn.parse("on-mail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Lambda function: on-mail");
    }
}
