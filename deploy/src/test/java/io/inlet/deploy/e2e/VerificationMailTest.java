package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.VerificationStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6 item 7 through the running daemon in dns mode: VerifyEmailIdentity mails the address a
 * confirmation link (really delivered, to the relay); following it with a browser-like GET (no
 * signature) verifies the address; a wrong token is refused. The 24-hour expiry is covered with an
 * injected clock in config's EmailVerificationTest.
 */
class VerificationMailTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static RelaySink relay;
    static RunningInlet daemon;
    static SesClient ses;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        relay = new RelaySink();
        Map<String, String> keys = new HashMap<>();
        keys.put("identities.verification", "dns");
        keys.put("identities.verification-sender", "verify@inlet.test");
        keys.put("dns.resolvers", "127.0.0.1:1");
        keys.put("dns.timeout", "200ms");
        daemon = RunningInlet.start(dir.resolve("data"), relay.settings(keys));
        ses = daemon.ses();
    }

    @AfterAll
    static void close() throws Exception {
        Resources.closeAll(daemon, relay);
    }

    static RelaySink.Received awaitMailTo(String address, int nth) {
        return await().atMost(WAIT).until(() -> relay.received().stream()
                .filter(r -> r.recipients().contains(address)).skip(nth).findFirst().orElse(null), r -> r != null);
    }

    static String link(String text) {
        Matcher m = Pattern.compile("http://\\S+/_inlet/verify\\?\\S+").matcher(text);
        assertThat(m.find()).as("a link in %s", text).isTrue();
        return m.group();
    }

    static VerificationStatus status(String identity) {
        return ses.getIdentityVerificationAttributes(r -> r.identities(identity)).verificationAttributes()
                .get(identity).verificationStatus();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConfirmationLinkVerifiesTheAddress() throws Exception {
        ses.verifyEmailIdentity(r -> r.emailAddress("alice@mail.test"));
        RelaySink.Received mail = awaitMailTo("alice@mail.test", 0);
        assertThat(mail.mailFrom()).isEqualTo("verify@inlet.test");
        assertThat(mail.recipients()).containsExactly("alice@mail.test");
        assertThat(mail.text()).contains("From: verify@inlet.test\r\n", "To: alice@mail.test\r\n",
                "Subject: Inlet - Email Address Verification Request in region us-east-1\r\n");
        String link = link(mail.text());
        assertThat(link).startsWith(daemon.endpoint().toString().replaceAll("/$", "") + "/_inlet/verify?");
        assertThat(status("alice@mail.test")).isEqualTo(VerificationStatus.PENDING);
        assertThat(ses.listVerifiedEmailAddresses().verifiedEmailAddresses()).doesNotContain("alice@mail.test");

        HttpResponse<String> wrong = get(link.replaceAll("token=[^&\\s]+", "token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("invalid");
        assertThat(get(link.replaceAll("&token=[^&\\s]+", "")).statusCode()).isEqualTo(403);
        assertThat(status("alice@mail.test")).isEqualTo(VerificationStatus.PENDING);

        HttpResponse<String> ok = get(link);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(ok.body()).contains("successfully verified");
        assertThat(status("alice@mail.test")).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(ses.listVerifiedEmailAddresses().verifiedEmailAddresses()).contains("alice@mail.test");
        // Following it again is harmless.
        assertThat(get(link).statusCode()).isEqualTo(200);
    }

    @Test
    void verifyEmailAddressAlsoSendsTheMailAndAWrongTokenLeavesItPending() throws Exception {
        ses.verifyEmailAddress(r -> r.emailAddress("bob@mail.test"));
        RelaySink.Received mail = awaitMailTo("bob@mail.test", 0);
        String link = link(mail.text());
        String token = link.replaceAll(".*token=", "");
        String flipped = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(get(link.replace("token=" + token, "token=" + flipped)).statusCode()).isEqualTo(403);
        assertThat(status("bob@mail.test")).isEqualTo(VerificationStatus.PENDING);
        // Another scope's link does not verify this one.
        assertThat(get(link.replace("region=us-east-1", "region=eu-west-1")).statusCode()).isEqualTo(403);
        assertThat(status("bob@mail.test")).isEqualTo(VerificationStatus.PENDING);
    }
}
