package io.inlet.engine.verdicts;

import io.inlet.engine.testing.LoopbackDns;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.assertj.core.api.Assertions.assertThat;

/** dnsjava's async continuations run on a small fixed pool, not on a new thread per query. */
class DnsResolversPoolTest {

    private static final int QUERIES = 40;

    @Test
    void queriesDoNotStartAThreadEach() throws Exception {
        try (LoopbackDns dns = LoopbackDns.start().txt("t.example.com", "v=spf1 -all")) {
            Resolver resolver = DnsResolvers.create(dns.settings());
            Message query = Message.newQuery(Record.newRecord(Name.fromString("t.example.com."), Type.TXT, DClass.IN));
            resolver.send(query); // the pool's threads may start here
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startedBefore = threads.getTotalStartedThreadCount();

            for (int i = 0; i < QUERIES; i++) {
                assertThat(resolver.send(query).getRcode()).isEqualTo(Rcode.NOERROR);
            }

            assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(QUERIES / 2);
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("inlet-dns-"))
                    .hasSizeBetween(1, DnsResolvers.ASYNC_THREADS);
        }
    }
}
