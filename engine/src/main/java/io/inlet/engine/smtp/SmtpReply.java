package io.inlet.engine.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP reply: the code and the text after it (enhanced status code first, since EHLO
 * advertises ENHANCEDSTATUSCODES). The constants are the replies of SES-RECEIVING.md Part 1 and
 * the ones our replacement commands send; keeping them here keeps the wording in one place.
 */
record SmtpReply(int code, String message) {

    static final SmtpReply OK = new SmtpReply(250, "2.0.0 Ok");
    static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0 Ok");
    static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5 Ok");
    static final SmtpReply START_DATA = new SmtpReply(354, "End data with <CR><LF>.<CR><LF>");
    static final SmtpReply START_TLS = new SmtpReply(220, "2.0.0 Ready to start TLS");
    static final SmtpReply BYE = new SmtpReply(221, "2.0.0 Bye");

    static final SmtpReply NEED_HELO = new SmtpReply(503, "5.5.1 Error: send HELO/EHLO first");
    static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1 Error: nested MAIL command");
    static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1 Error: need MAIL command");
    static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1 Error: need RCPT command");
    static final SmtpReply TLS_ALREADY_ACTIVE = new SmtpReply(554, "5.5.1 Error: TLS already active");
    static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1 Error: command not implemented");
    static final SmtpReply PARAMETER_SYNTAX = new SmtpReply(501, "5.5.4 Syntax error in parameters");
    static final SmtpReply BAD_SENDER = new SmtpReply(501, "5.1.7 Bad sender address syntax");
    static final SmtpReply BAD_RECIPIENT = new SmtpReply(501, "5.1.3 Bad recipient address syntax");

    static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3 Too many recipients");
    static final SmtpReply SIZE_EXCEEDED = new SmtpReply(552, "5.3.4 Message size exceeds fixed limit");
    static final SmtpReply BARE_LINE_BREAK = new SmtpReply(550, "5.6.11 Bare CR or LF not allowed");
    static final SmtpReply STORAGE_FULL = new SmtpReply(452, "4.3.1 Insufficient system storage");
    static final SmtpReply LOCAL_PROBLEM = new SmtpReply(451, "4.3.0 Temporary local problem, please try again");
    static final SmtpReply TOO_MANY_FROM_IP = new SmtpReply(421, "4.7.0 Too many connections from your IP");

    static SmtpReply syntax(String usage) {
        return new SmtpReply(501, "5.5.4 Syntax: " + usage);
    }

    /** RFC 5321 §4.1.1.11: a MAIL/RCPT parameter we do not know or do not implement. */
    static SmtpReply unsupportedParameter(String keyword) {
        return new SmtpReply(555, "5.5.4 Unsupported option: " + keyword);
    }

    static SmtpReply deadline(String hostname) {
        return new SmtpReply(421, "4.4.2 " + hostname + " Error: timeout exceeded");
    }

    static SmtpReply accepted(String messageId) {
        return new SmtpReply(250, "2.6.0 Message received: " + messageId);
    }

    /** The reply line as sent (without CRLF). */
    String line() {
        return code + " " + message;
    }

    RejectException reject() {
        return new RejectException(code, message);
    }

    /** SubEtha sends the reply, then closes the connection. */
    DropConnectionException drop() {
        return new DropConnectionException(code, message);
    }

    @Override
    public String toString() {
        return line();
    }
}
