package io.inlet.config.identity.policies;

import java.util.List;

/**
 * One statement of a validated policy.
 *
 * @param anyone       {@code "Principal": "*"} or an AWS principal of "*"
 * @param awsPrincipals account ids and IAM/STS ARNs as written
 * @param services     service principals ({@code Service}); nothing in Inlet sends as a service
 * @param actions      action patterns as written ({@code ses:SendEmail}, {@code ses:Send*}, ...)
 * @param resources    identity ARNs
 */
record Statement(String sid, boolean allow, boolean anyone, List<String> awsPrincipals, List<String> services,
                 List<String> actions, List<String> resources, List<Condition> conditions) {
}
