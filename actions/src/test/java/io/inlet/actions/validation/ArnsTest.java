package io.inlet.actions.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ArnsTest {

    private static final Map<String, Predicate<String>> KINDS = Map.of(
            "sns", Arns::isSnsTopic,
            "lambda", Arns::isLambdaFunction,
            "kms", Arns::isKmsKey,
            "iam", Arns::isIamRole,
            "workmail", Arns::isWorkmailOrganization,
            "connect", Arns::isConnectInstance);

    @ParameterizedTest(name = "{0} [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            sns      | arn:aws:sns:us-east-1:123456789012:my-topic                         | true
            sns      | arn:aws:sns:eu-west-1:123456789012:My_Topic-2                       | true
            sns      | arn:aws-cn:sns:cn-north-1:123456789012:t                            | true
            sns      | arn:aws-us-gov:sns:us-gov-west-1:123456789012:t                     | true
            sns      | arn:aws:sns:us-east-1:123456789012:orders.fifo                      | true
            sns      | arn:aws:sns:us-east-1:123456789012:bad.name                         | false
            sns      | arn:aws:sns:us-east-1:12345678901:t                                 | false
            sns      | arn:aws:sns:us-east-1:1234567890123:t                               | false
            sns      | arn:aws:sns:us-east-1:123456789012:                                 | false
            sns      | arn:aws:sns:us-east-1:123456789012                                  | false
            sns      | arn:aws:sns::123456789012:t                                         | false
            sns      | arn:aws:sqs:us-east-1:123456789012:t                                | false
            sns      | arn:aws-iso:sns:us-iso-east-1:123456789012:t                        | false
            sns      | arn:aws:sns:US-EAST-1:123456789012:t                                | false
            sns      | arn:aws:sns:us-east-1:123456789012:t:extra                          | false
            sns      | my-topic                                                            | false
            sns      | ''                                                                  | false
            sns      | NULL                                                                | false
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:fn                   | true
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:my_fn-1:$LATEST      | true
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:fn:7                 | true
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:fn:prod              | true
            lambda   | arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn        | true
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:                     | false
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:fn:                  | false
            lambda   | arn:aws:lambda:us-east-1:123456789012:function:fn:a:b               | false
            lambda   | arn:aws:lambda:us-east-1:123456789012:fn                            | false
            lambda   | arn:aws:lambda:us-east-1:123456789012:layer:fn                      | false
            lambda   | arn:aws:lambda:us-east-1:123:function:fn                            | false
            lambda   | fn                                                                  | false
            kms      | arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | true
            kms      | arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab | true
            kms      | arn:aws:kms:us-east-1:123456789012:alias/aws/ses                    | true
            kms      | arn:aws:kms:us-east-1:123456789012:alias/my-key_1                   | true
            kms      | arn:aws:kms:us-east-1:123456789012:key/not-a-uuid                   | false
            kms      | arn:aws:kms:us-east-1:123456789012:alias/                           | false
            kms      | arn:aws:kms:us-east-1:123456789012:1234abcd-12ab-34cd-56ef-1234567890ab | false
            kms      | 1234abcd-12ab-34cd-56ef-1234567890ab                                | false
            kms      | alias/aws/ses                                                       | false
            iam      | arn:aws:iam::123456789012:role/ses-writer                           | true
            iam      | arn:aws:iam::123456789012:role/service/path/Writer+=,.@-x           | true
            iam      | arn:aws-cn:iam::1:role/abcdefghij                                   | true
            iam      | arn:aws:iam::123:role/x                                             | true
            iam      | arn:aws:iam::123456789012:user/ses-writer                           | false
            iam      | arn:aws:iam:us-east-1:123456789012:role/ses-writer                  | false
            iam      | arn:aws:iam::123456789012:role/                                     | false
            iam      | arn:aws:iam::123456789012:role/a b                                  | false
            iam      | made-up                                                             | false
            workmail | arn:aws:workmail:us-east-1:123456789012:organization/m-68755160c4cb4e29a2b2f8fb58f359d7 | true
            workmail | arn:aws:workmail:eu-west-1:123456789012:organization/m-0123456789abcdef0123456789abcdef | true
            workmail | arn:aws:workmail:us-east-1:123456789012:organization/m-123          | false
            workmail | arn:aws:workmail:us-east-1:123456789012:organization/68755160c4cb4e29a2b2f8fb58f359d7 | false
            workmail | arn:aws:workmail:us-east-1:123456789012:organization/m-68755160C4CB4E29A2B2F8FB58F359D7 | false
            workmail | arn:aws:workmail:us-east-1:123456789012:user/m-68755160c4cb4e29a2b2f8fb58f359d7 | false
            workmail | m-68755160c4cb4e29a2b2f8fb58f359d7                                  | false
            connect  | arn:aws:connect:us-east-1:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 | true
            connect  | arn:aws-us-gov:connect:us-west-2:1:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 | true
            connect  | arn:aws-cn:connect:cn-north-1:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 | false
            connect  | arn:aws:connect:us-east-1:123456789012:instance/not-a-uuid          | false
            connect  | arn:aws:connect:us-east-12:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 | false
            connect  | arn:aws:connect:us-east-1:123456789012:queue/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 | false
            """)
    void syntax(String kind, String arn, boolean valid) {
        assertThat(KINDS.get(kind).test(arn)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "IAM role ARN of {0} chars → {1}")
    @CsvSource({"21, true", "2048, true", "2049, false"})
    void iamRoleLengthBounds(int length, boolean valid) {
        String head = "arn:aws:iam::1:role/"; // 20 chars: the shortest valid ARN adds a 1-char name
        assertThat(Arns.isIamRole(head + "r".repeat(length - head.length()))).isEqualTo(valid);
    }
}
