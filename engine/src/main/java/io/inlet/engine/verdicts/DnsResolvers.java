package io.inlet.engine.verdicts;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds the one dnsjava {@link Resolver} that jSPF, jDKIM and the DMARC lookups share. */
public final class DnsResolvers {

    private static final int DNS_PORT = 53;
    /** Threads for dnsjava's async continuations (parsing an answer, starting the next try). */
    static final int ASYNC_THREADS = 2;

    private DnsResolvers() {
    }

    /**
     * An {@link ExtendedResolver} over one {@link SimpleResolver} per server. Truncated UDP answers
     * are retried over TCP by dnsjava itself (large DKIM keys).
     *
     * @throws IllegalArgumentException when a server cannot be parsed or resolved
     */
    public static Resolver create(DnsSettings settings) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (settings.servers().isEmpty()) {
            addresses.addAll(ResolverConfig.getCurrentConfig().servers());
        } else {
            for (String server : settings.servers()) {
                addresses.add(parse(server));
            }
        }
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            SimpleResolver simple = new SimpleResolver(address);
            simple.setTimeout(settings.timeout());
            resolvers.add(simple);
        }
        ExtendedResolver resolver = new BoundedResolver(resolvers);
        int attempts = settings.retries() + 1;
        // dnsjava's "retries" is the number of attempts per server.
        resolver.setRetries(attempts);
        // The overall budget: every attempt at every server, plus a little slack for scheduling.
        long servers = Math.max(1, resolvers.size());
        resolver.setTimeout(settings.timeout().multipliedBy(attempts * servers).plus(Duration.ofMillis(250)));
        return resolver;
    }

    /**
     * dnsjava's {@code send}/{@code sendAsync(query)} hand its continuations to the common pool, and
     * {@code CompletableFuture} swaps that for a new thread per task when the machine has at most
     * two CPUs (common-pool parallelism 1): about three threads started per message (BENCHMARKS.md).
     * Every query made through this resolver runs them on one small shared pool instead.
     */
    static final class BoundedResolver extends ExtendedResolver {

        BoundedResolver(List<Resolver> resolvers) {
            super(resolvers);
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query) {
            return sendAsync(query, AsyncPool.EXECUTOR);
        }
    }

    /** Shared by every resolver (tests create many); daemon threads, started on first use. */
    static final class AsyncPool {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(ASYNC_THREADS,
                new ThreadFactoryBuilder().setNameFormat("inlet-dns-%d").setDaemon(true).build());

        private AsyncPool() {
        }
    }

    static InetSocketAddress parse(String server) {
        String text = server.trim();
        String host = text;
        int port = DNS_PORT;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad DNS server: " + server);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.startsWith(":")) {
                port = parsePort(rest.substring(1), server);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad DNS server: " + server);
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            // exactly one colon: host:port (a bare IPv6 address has several)
            host = text.substring(0, text.indexOf(':'));
            port = parsePort(text.substring(text.indexOf(':') + 1), server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown DNS server host: " + server, e);
        }
    }

    private static int parsePort(String text, String server) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in DNS server: " + server, e);
        }
    }
}
