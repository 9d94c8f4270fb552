package io.inlet.engine.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a proxy the PROXY header's source is the client: filters, limits and metadata use it. */
class SmtpProxyProtocolTest {

    @TempDir
    Path dir;

    @Test
    void v1SourceAddressIsWhatTheFiltersAndTheMetadataSee() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.proxyProtocol(ProxyProtocol.V1))) {
            try (SmtpTestClient client = mx.connect()) {
                client.write("PROXY TCP4 127.0.0.3 127.0.0.1 40000 25\r\n");
                client.envelope("sender@client.test");
                assertThat(client.command("RCPT TO:<bob@example.com>"))
                        .isEqualTo("550 5.7.1 IP address blacklisted by recipient");
            }
            try (SmtpTestClient client = mx.connect()) {
                client.write("PROXY TCP4 192.0.2.44 127.0.0.1 40000 25\r\n");
                client.envelope("sender@client.test", "bob@example.com");
                client.command("DATA");
                client.write(SmtpFixtures.message("proxied") + ".\r\n");
                String id = TestMx.messageId(client.reply());
                assertThat(mx.metadata(id).envelope().clientAddress()).isEqualTo("192.0.2.44");
            }
        }
    }

    @Test
    void v2SourceAddressIsUsedAndAnyAcceptsBothVersions() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.proxyProtocol(ProxyProtocol.ANY))) {
            try (SmtpTestClient client = mx.connect()) {
                client.write(v2Header(new byte[] {127, 0, 0, 3}, new byte[] {127, 0, 0, 1}, 40000, 25));
                client.envelope("sender@client.test");
                assertThat(client.command("RCPT TO:<bob@example.com>"))
                        .isEqualTo("550 5.7.1 IP address blacklisted by recipient");
            }
            try (SmtpTestClient client = mx.connect()) {
                client.write("PROXY TCP4 127.0.0.4 127.0.0.1 40000 25\r\n");
                client.envelope("sender@client.test");
                assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            }
        }
    }

    @Test
    void perIpLimitCountsTheProxiedSource() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.proxyProtocol(ProxyProtocol.V1).maxConnectionsPerIp(1));
             SmtpTestClient first = mx.connect();
             SmtpTestClient sameSource = mx.connect();
             SmtpTestClient otherSource = mx.connect()) {
            first.write("PROXY TCP4 198.51.100.1 127.0.0.1 40000 25\r\n");
            assertThat(first.reply()).startsWith("220 ");
            sameSource.write("PROXY TCP4 198.51.100.1 127.0.0.1 40001 25\r\n");
            assertThat(sameSource.reply()).isEqualTo("421 4.7.0 Too many connections from your IP");
            otherSource.write("PROXY TCP4 198.51.100.2 127.0.0.1 40002 25\r\n");
            assertThat(otherSource.reply()).startsWith("220 ");
        }
    }

    /** A PROXY protocol v2 header: PROXY command, TCP over IPv4. */
    private static byte[] v2Header(byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes("\r\n\r\n\0\r\nQUIT\n".getBytes(StandardCharsets.ISO_8859_1));
        header.write(0x21); // version 2, PROXY
        header.write(0x11); // AF_INET, STREAM
        header.write(0);
        header.write(12);
        header.writeBytes(source);
        header.writeBytes(destination);
        header.write(sourcePort >> 8);
        header.write(sourcePort & 0xff);
        header.write(destinationPort >> 8);
        header.write(destinationPort & 0xff);
        return header.toByteArray();
    }
}
