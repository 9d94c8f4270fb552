package io.inlet.actions.workmail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkmailSettingsTest {

    private static final String ORG = "arn:aws:workmail:us-east-1:123456789012:organization/m-68755160c4cb4e29a2b2f8fb58f359d7";
    private static final String ORG2 = "arn:aws:workmail:eu-west-1:123456789012:organization/m-0123456789abcdef0123456789abcdef";

    @Test
    void defaults() {
        WorkmailSettings settings = WorkmailSettings.parse(Map.of());

        assertThat(settings.organizations()).isEmpty();
        assertThat(settings.fallback()).isEqualTo(WorkmailSettings.Fallback.MAILDIR);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.serverFor(ORG)).contains(MailboxServer.MAILDIR);
        assertThat(WorkmailSettings.DEFAULTS).containsOnlyKeys(
                "actions.workmail.organizations", "actions.workmail.default", "actions.workmail.timeout");
    }

    @Test
    void organizationsAreCommaSeparatedArnEqualsTarget() {
        WorkmailSettings settings = WorkmailSettings.parse(Map.of(
                WorkmailSettings.ORGANIZATIONS, " " + ORG + " = lmtp://mail.internal:2424 , " + ORG2 + "=smtp://[::1]",
                WorkmailSettings.DEFAULT, "reject",
                WorkmailSettings.TIMEOUT, "5s"));

        assertThat(settings.serverFor(ORG)).contains(new MailboxServer(MailboxServer.Protocol.LMTP, "mail.internal", 2424));
        assertThat(settings.serverFor(ORG2)).contains(new MailboxServer(MailboxServer.Protocol.SMTP, "[::1]", 25));
        assertThat(settings.serverFor(ORG.replace("us-east-1", "us-west-2"))).isEmpty();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.serverFor(ORG).orElseThrow()).hasToString("lmtp://mail.internal:2424");
    }

    @Test
    void lmtpWithoutAPortUsesTwentyFour() {
        assertThat(MailboxServer.parse("lmtp://127.0.0.1").port()).isEqualTo(24);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "actions.workmail.organizations | m-123=maildir                | does not start with a WorkMail organization ARN",
            "actions.workmail.organizations | ORG                          | must be ORGANIZATION_ARN=TARGET",
            "actions.workmail.organizations | ORG=imap://host:143          | is not maildir, lmtp://host:port or smtp://host:port",
            "actions.workmail.organizations | ORG=lmtp+starttls://host:24  | uses STARTTLS, which Inlet does not support yet",
            "actions.workmail.organizations | ORG=lmtp://host:24/path      | must be lmtp://host:port with nothing else",
            "actions.workmail.organizations | ORG=maildir,ORG=maildir      | maps an organization that is already mapped",
            "actions.workmail.default       | bounce                       | must be one of maildir, reject",
            "actions.workmail.timeout       | soon                         | must be a positive duration",
            "actions.workmail.timeout       | PT0S                         | must be a positive duration",
            "actions.workmail.timeout       | P30D                         | must be at most about 24 days",
    })
    void badValuesNameTheKey(String key, String value, String why) {
        assertThatThrownBy(() -> WorkmailSettings.parse(Map.of(key, value.replace("ORG", ORG))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key + ": '")
                .hasMessageContaining(why);
    }
}
