package io.inlet.config.identity.policies;

import java.util.List;
import java.util.Map;

/**
 * What sending authorization is asked about: one account (optionally as a specific IAM user or
 * role) sending with another account's identity.
 *
 * @param principalAccount the sender's 12-digit account id
 * @param principalArn     the sender's IAM user/role ARN, or null when only the account is known
 * @param action           {@code ses:SendEmail}, {@code ses:SendRawEmail}, ...
 * @param resourceArn      the identity ARN used (SourceArn, FromArn or ReturnPathArn)
 * @param context          condition keys and their values, e.g. {@code ses:FromAddress},
 *                         {@code ses:Recipients} (several values), {@code aws:SourceIp},
 *                         {@code aws:CurrentTime}, {@code aws:SecureTransport}
 */
public record SendingRequest(String principalAccount, String principalArn, String action, String resourceArn,
                             Map<String, List<String>> context) {

    public SendingRequest {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
