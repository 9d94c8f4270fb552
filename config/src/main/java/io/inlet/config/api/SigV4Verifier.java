package io.inlet.config.api;

import io.inlet.config.store.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4, from the {@code Authorization} header or from presigned
 * query parameters. The access key selects the account, the credential scope's region the region.
 */
public final class SigV4Verifier {

    /** SES signs as "ses"; "email" (its endpoint prefix) is accepted for hand-rolled clients. */
    static final Set<String> SES_SERVICES = Set.of("ses", "email");

    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final long MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

    private final CredentialsRegistry credentials;
    private final Clock clock;
    private final Set<String> services;

    public SigV4Verifier(CredentialsRegistry credentials, Clock clock) {
        this(credentials, clock, SES_SERVICES);
    }

    SigV4Verifier(CredentialsRegistry credentials, Clock clock, Set<String> services) {
        this.credentials = credentials;
        this.clock = clock;
        this.services = Set.copyOf(services);
    }

    /** Whether the Authorization header claims SigV4 (then this verifier must judge it). */
    static boolean hasSigV4Header(RawHttpRequest request) {
        String auth = request.header("authorization");
        return auth != null && auth.trim().startsWith(CanonicalRequest.ALGORITHM);
    }

    /** Whether the query string carries presigned-URL parameters. */
    static boolean isPresigned(RawHttpRequest request) {
        String query = request.rawQuery();
        return query != null && (query.contains("X-Amz-Signature=") || query.contains("X-Amz-Credential=")
                || query.contains("X-Amz-Algorithm="));
    }

    /** @throws SesException with the AWS common error when the signature is not acceptable */
    public Scope verify(RawHttpRequest request) {
        try {
            return hasSigV4Header(request) ? verifyHeader(request) : verifyPresigned(request);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.malformedQuery(e.getMessage());
        }
    }

    private Scope verifyHeader(RawHttpRequest request) {
        Map<String, String> parts = parseAuthorization(request.header("authorization"));
        List<String> missing = new ArrayList<>();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required)) {
                missing.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        String amzDate = request.header("x-amz-date");
        Instant signedAt;
        if (amzDate != null) {
            signedAt = SigningTime.parseIsoBasic(amzDate.trim());
            if (signedAt == null) {
                missing.add("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
            }
        } else if (request.header("date") != null) {
            signedAt = SigningTime.parseHttpDate(request.header("date"));
            if (signedAt == null) {
                missing.add("Date header must be in RFC 1123 format.");
            }
        } else {
            signedAt = null;
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw CommonErrors.incompleteSignature(String.join(" ", missing));
        }
        return verifySignature(request, parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"),
                signedAt, false, () -> SigningTime.checkSkew(signedAt, clock));
    }

    private Scope verifyPresigned(RawHttpRequest request) {
        Map<String, String> query = new HashMap<>();
        for (String[] pair : PercentCodec.queryPairs(request.rawQuery())) {
            query.putIfAbsent(pair[0], pair[1]);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-SignedHeaders",
                "X-Amz-Signature", "X-Amz-Date")) {
            if (!query.containsKey(required)) {
                missing.add("AWS query-string parameters must include '" + required + "'.");
            }
        }
        if (!missing.isEmpty()) {
            throw CommonErrors.incompleteSignature(String.join(" ", missing) + " Re-examine the query-string parameters.");
        }
        if (!CanonicalRequest.ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw CommonErrors.incompleteSignature("X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'.");
        }
        Instant signedAt = SigningTime.parseIsoBasic(query.get("X-Amz-Date"));
        if (signedAt == null) {
            throw CommonErrors.incompleteSignature("X-Amz-Date must be in ISO-8601 'basic format'.");
        }
        Duration expires = presignedExpiry(query.get("X-Amz-Expires"));
        return verifySignature(request, query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                query.get("X-Amz-Signature"), signedAt, true,
                () -> SigningTime.checkPresignedWindow(signedAt, expires, clock));
    }

    /** Without X-Amz-Expires a presigned request gets the ordinary 15-minute window. */
    private static Duration presignedExpiry(String text) {
        if (text == null) {
            return SigningTime.MAX_SKEW;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0 && seconds <= MAX_PRESIGNED_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CommonErrors.incompleteSignature("X-Amz-Expires must be a number of seconds from 0 to 604800.");
    }

    private Scope verifySignature(RawHttpRequest request, String credential, String signedHeaderList,
                                  String signature, Instant signedAt, boolean presigned, Runnable timeCheck) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw CommonErrors.incompleteSignature("Credential must have the form "
                    + "<access key id>/<yyyymmdd>/<region>/<service>/aws4_request, got '" + credential + "'.");
        }
        ApiCredentials key = credentials.find(scope[0]).orElseThrow(CommonErrors::invalidClientTokenId);
        String amzDate = SigningTime.format(signedAt);
        checkScope(scope, amzDate);
        timeCheck.run();
        List<String> signedHeaders = parseSignedHeaders(signedHeaderList);
        if (!SIGNATURE.matcher(signature).matches()) {
            throw CommonErrors.signatureDoesNotMatch();
        }
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        byte[] signingKey = CanonicalRequest.signingKey(key.secretAccessKey(), scope[1], scope[2], scope[3]);
        boolean match = false;
        for (String payloadHash : payloadHashes(request, presigned)) {
            String canonical = CanonicalRequest.build(request, signedHeaders, presigned, payloadHash);
            String expected = Crypto.hex(Crypto.hmacSha256(signingKey,
                    CanonicalRequest.stringToSign(amzDate, credentialScope, canonical)));
            match |= Crypto.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT));
        }
        if (!match) {
            throw CommonErrors.signatureDoesNotMatch();
        }
        return new Scope(key.accountId(), scope[2]);
    }

    private void checkScope(String[] scope, String amzDate) {
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw CommonErrors.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                    + "version of date from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '"
                    + amzDate + "'.");
        }
        if (!REGION.matcher(scope[2]).matches()) {
            throw CommonErrors.signatureDoesNotMatch("Credential should be scoped to a valid region, not '"
                    + scope[2] + "'. ");
        }
        if (!services.contains(scope[3])) {
            throw CommonErrors.signatureDoesNotMatch("Credential should be scoped to correct service: '"
                    + (services.contains("ses") ? "ses" : services.iterator().next()) + "'. ");
        }
        if (!scope[4].equals("aws4_request")) {
            throw CommonErrors.signatureDoesNotMatch("Credential should be scoped with a valid terminator: "
                    + "'aws4_request', not '" + scope[4] + "'. ");
        }
    }

    private static List<String> parseSignedHeaders(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(";", -1)) {
            if (name.isEmpty()) {
                throw CommonErrors.incompleteSignature("SignedHeaders must be a ';'-separated list of header names.");
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (!names.contains("host")) {
            throw CommonErrors.signatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    /**
     * The body hash the client may have signed. A declared x-amz-content-sha256 must be the real
     * hash: the Query API carries everything in the body, so an unsigned body is never accepted
     * (an empty one may be declared UNSIGNED-PAYLOAD, as presigned URLs are).
     */
    private static List<String> payloadHashes(RawHttpRequest request, boolean presigned) {
        String actual = Crypto.sha256Hex(request.body());
        String declared = request.header("x-amz-content-sha256");
        boolean empty = request.body().length == 0;
        if (declared != null) {
            declared = declared.trim();
            if (declared.equalsIgnoreCase(actual) || (empty && declared.equals(UNSIGNED_PAYLOAD))) {
                return List.of(declared);
            }
            throw CommonErrors.signatureDoesNotMatch("The provided 'x-amz-content-sha256' header does not match "
                    + "what was computed.");
        }
        return presigned && empty ? List.of(actual, UNSIGNED_PAYLOAD) : List.of(actual);
    }

    /** {@code AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} into its named parts. */
    private static Map<String, String> parseAuthorization(String header) {
        String rest = header.trim().substring(CanonicalRequest.ALGORITHM.length());
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw CommonErrors.incompleteSignature("Authorization header must start with 'AWS4-HMAC-SHA256 '.");
        }
        Map<String, String> parts = new HashMap<>();
        for (String component : rest.split(",")) {
            String trimmed = component.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw CommonErrors.incompleteSignature("Authorization header components must be key=value pairs: '"
                        + trimmed + "' is not.");
            }
            parts.putIfAbsent(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return parts;
    }
}
