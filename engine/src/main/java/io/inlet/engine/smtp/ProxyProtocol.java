package io.inlet.engine.smtp;

import org.subethamail.smtp.internal.proxy.ProxyHandler;
import org.subethamail.smtp.internal.proxy.ProxyProtocolV1Handler;
import org.subethamail.smtp.internal.proxy.ProxyProtocolV1V2Handler;
import org.subethamail.smtp.internal.proxy.ProxyProtocolV2Handler;

import java.util.Locale;

/**
 * Whether connections start with a HAProxy PROXY header (behind HAProxy or a cloud load
 * balancer), so filters, limits and headers see the real client. Off by default: with it on, a
 * direct client could claim any address, so only enable it when every connection comes through
 * the proxy.
 */
public enum ProxyProtocol {
    OFF, V1, V2, ANY;

    /** {@code off}, {@code v1}, {@code v2} or {@code any} (either version, detected per connection). */
    public static ProxyProtocol parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy protocol must be off, v1, v2 or any: " + value, e);
        }
    }

    ProxyHandler handler() {
        return switch (this) {
            case V1 -> ProxyProtocolV1Handler.INSTANCE;
            case V2 -> ProxyProtocolV2Handler.INSTANCE;
            case ANY -> ProxyProtocolV1V2Handler.INSTANCE;
            case OFF -> ProxyHandler.NOP;
        };
    }
}
