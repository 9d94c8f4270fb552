package io.inlet.actions;

import io.inlet.actions.workmail.WorkmailSettings;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WorkmailAction.validate once started: the organization must be mapped when unmapped ones are rejected. */
class WorkmailActionValidationTest {

    private static final String ORG = WorkmailActionLmtpTest.ORG;
    private static final String OTHER_ORG = "arn:aws:workmail:us-east-1:123456789012:organization/m-0123456789abcdef0123456789abcdef";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:mail";
    private static final String MISSING_TOPIC = "arn:aws:sns:us-east-1:123456789012:missing";

    @TempDir
    Path data;

    private final WorkmailAction plugin = new WorkmailAction();

    @AfterEach
    void close() {
        plugin.close();
    }

    @Test
    void strictRefusesAnUnmappedOrganizationWhenTheDefaultIsReject() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(
                WorkmailSettings.ORGANIZATIONS, ORG + "=lmtp://127.0.0.1:24",
                WorkmailSettings.DEFAULT, "reject")));

        assertThatCode(() -> plugin.validate(workmail(ORG, null), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(workmail(OTHER_ORG, null), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not find WorkMail organization: " + OTHER_ORG)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidParameterValue");
        // lenient mode checks syntax only
        assertThatCode(() -> plugin.validate(workmail(OTHER_ORG, null), TestContext.LENIENT)).doesNotThrowAnyException();
    }

    @Test
    void withTheMaildirDefaultEveryWellFormedOrganizationIsAccepted() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of()));

        assertThatCode(() -> plugin.validate(workmail(OTHER_ORG, null), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(workmail("m-123", null), TestContext.STRICT))
                .hasMessage("Invalid WorkMail organization: m-123");
    }

    @Test
    void strictChecksTheTopicFirstAndThatItCanBePublishedTo() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(WorkmailSettings.DEFAULT, "reject"))
                .withTopics(new RecordingTopicPublisher(Set.of(TOPIC))));

        assertThatThrownBy(() -> plugin.validate(workmail(OTHER_ORG, MISSING_TOPIC), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: " + MISSING_TOPIC)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        assertThatThrownBy(() -> plugin.validate(workmail(OTHER_ORG, TOPIC), TestContext.STRICT))
                .hasMessage("Could not find WorkMail organization: " + OTHER_ORG);
        assertThatCode(() -> plugin.validate(workmail(OTHER_ORG, MISSING_TOPIC), TestContext.LENIENT)).doesNotThrowAnyException();
    }

    @Test
    void withoutAPublisherOrBeforeStartOnlySyntaxIsChecked() throws Exception {
        assertThatCode(() -> plugin.validate(workmail(OTHER_ORG, MISSING_TOPIC), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(workmail(ORG, "not-a-topic"), TestContext.STRICT))
                .hasMessage("Invalid SNS topic: not-a-topic");

        plugin.start(new TestEnvironment(data, Map.of()));
        assertThatCode(() -> plugin.validate(workmail(OTHER_ORG, MISSING_TOPIC), TestContext.STRICT)).doesNotThrowAnyException();
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> plugin.checkSettings(Map.of(WorkmailSettings.DEFAULT, "bounce")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.workmail.default: 'bounce' must be one of maildir, reject");
        assertThatThrownBy(() -> plugin.checkSettings(Map.of(WorkmailSettings.ORGANIZATIONS, ORG + "=imap://host:143")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("actions.workmail.organizations: ");
        assertThatCode(() -> plugin.checkSettings(plugin.settingDefaults())).doesNotThrowAnyException();
    }

    private static ActionSpec workmail(String organization, String topic) {
        return topic == null
                ? new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, organization))
                : new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, organization, "TopicArn", topic));
    }
}
