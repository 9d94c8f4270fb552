package io.inlet.engine.verdicts;

/**
 * The SPF result of one message.
 *
 * @param verdict    the SES verdict
 * @param result     the RFC 7208 result word: pass, fail, softfail, neutral, none, temperror, permerror
 * @param domain     the checked domain: the MAIL FROM domain, or the HELO name for a null sender
 * @param mailFrom   the checked identity ({@code postmaster@<helo>} for a null sender)
 * @param helo       the HELO/EHLO name
 * @param nullSender whether MAIL FROM was {@code <>}
 * @param headerText the {@code Received-SPF} value, e.g.
 *                   {@code pass (spfCheck: domain of example.com designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=a@example.com; helo=mx.example.com;}
 */
public record SpfOutcome(Verdict verdict, String result, String domain, String mailFrom, String helo,
                         boolean nullSender, String headerText) {
}
