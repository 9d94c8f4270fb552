package io.inlet.rules;

/** SES {@code TlsPolicy}: whether a matching rule requires the SMTP session to be encrypted. */
public enum TlsPolicy {
    Optional,
    Require
}
