package io.inlet.engine.snapshot;

import java.util.List;

/**
 * The answer to one {@code RCPT TO}: accepted (with the tenants and rules that take the recipient)
 * or one of the three SES refusals, with the exact reply SES sends (SES-RECEIVING.md Part 1).
 */
public sealed interface RecipientDecision permits RecipientDecision.Accepted, RecipientDecision.Rejected {

    boolean accepted();

    /** At least one tenant takes the recipient; only the accepting tenants are listed, in configuration order. */
    record Accepted(List<TenantMatch> tenants) implements RecipientDecision {
        public Accepted {
            tenants = List.copyOf(tenants);
        }

        @Override
        public boolean accepted() {
            return true;
        }
    }

    /** A refusal; {@link #code()} and {@link #message()} are what the SMTP layer sends (e.g. SubEtha's RejectException). */
    enum Rejected implements RecipientDecision {
        BLOCKED_BY_FILTER(550, "5.7.1 IP address blacklisted by recipient"),
        NO_RULE(550, "5.1.1 Requested action not taken: mailbox unavailable"),
        TLS_REQUIRED(550, "5.7.1 TLS required by recipient");

        private final int code;
        private final String message;

        Rejected(int code, String message) {
            this.code = code;
            this.message = message;
        }

        @Override
        public boolean accepted() {
            return false;
        }

        public int code() {
            return code;
        }

        /** Enhanced status code and text, without the reply code. */
        public String message() {
            return message;
        }

        /** The whole reply line, e.g. {@code 550 5.7.1 TLS required by recipient}. */
        public String reply() {
            return code + " " + message;
        }
    }
}
