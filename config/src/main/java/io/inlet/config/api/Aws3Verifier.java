package io.inlet.config.api;

import io.inlet.config.store.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies the legacy {@code X-Amzn-Authorization} signatures of the 2010-12-01 reference:
 * {@code AWS3-HTTPS} (an HMAC of the Date header) and {@code AWS3} (an HMAC of the SHA-256 of a
 * canonical request with SignedHeaders). Such signatures name no region, so they act in the
 * configured default region.
 */
public final class Aws3Verifier {

    static final String HEADER = "x-amzn-authorization";

    private final CredentialsRegistry credentials;
    private final Clock clock;
    private final String region;

    public Aws3Verifier(CredentialsRegistry credentials, Clock clock, String defaultRegion) {
        this.credentials = credentials;
        this.clock = clock;
        this.region = defaultRegion;
    }

    static boolean hasAws3Header(RawHttpRequest request) {
        return request.header(HEADER) != null;
    }

    /**
     * @param params the decoded Query parameters (the AWS SDK for Java v1 signed those, not the body)
     * @throws SesException with the AWS common error when the signature is not acceptable
     */
    public Scope verify(RawHttpRequest request, Map<String, String> params) {
        String header = request.header(HEADER).trim();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        boolean https = scheme.equals("AWS3-HTTPS");
        if (!https && !scheme.equals("AWS3")) {
            throw CommonErrors.incompleteSignature("X-Amzn-Authorization must start with 'AWS3-HTTPS' or 'AWS3'.");
        }
        Map<String, String> parts = parseParts(space < 0 ? "" : header.substring(space + 1));
        String keyId = require(parts, "AWSAccessKeyId");
        String signature = require(parts, "Signature");
        String algorithm = parts.getOrDefault("Algorithm", "HmacSHA256");
        if (!algorithm.equals("HmacSHA256") && !algorithm.equals("HmacSHA1")) {
            throw CommonErrors.incompleteSignature("Algorithm must be HmacSHA256 or HmacSHA1.");
        }
        String signedHeaders = https ? null : require(parts, "SignedHeaders");
        String dateValue = dateHeader(request);
        ApiCredentials key = credentials.find(keyId).orElseThrow(CommonErrors::invalidClientTokenId);
        SigningTime.checkSkew(parseDate(dateValue), clock);

        List<byte[]> candidates = https
                ? httpsStringsToSign(request, dateValue)
                : canonicalStringsToSign(request, params, signedHeaders);
        byte[] provided = decodeSignature(signature);
        byte[] secret = key.secretAccessKey().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : candidates) {
            match |= MessageDigest.isEqual(Crypto.hmac(algorithm, secret, candidate), provided);
        }
        if (!match) {
            throw CommonErrors.signatureDoesNotMatch();
        }
        return new Scope(key.accountId(), region);
    }

    /** AWS3-HTTPS signs the date header's text, followed by the nonce when the client sent one. */
    private static List<byte[]> httpsStringsToSign(RawHttpRequest request, String dateValue) {
        List<byte[]> out = new ArrayList<>();
        out.add(dateValue.getBytes(StandardCharsets.UTF_8));
        String nonce = request.header("x-amz-nonce");
        if (nonce != null) {
            out.add((dateValue + nonce.trim()).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * AWS3 over a canonical request. Two flavours were in use: the raw query string plus the raw
     * body (boto, the DynamoDB/Route 53 documents) and the sorted parameters with an empty body
     * (the AWS SDK for Java v1); either is accepted.
     */
    private static List<byte[]> canonicalStringsToSign(RawHttpRequest request, Map<String, String> params,
                                                       String signedHeaders) {
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        String headers = canonicalHeaders(request, signedHeaders);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        String rawQueryForm = request.method() + '\n' + path + '\n'
                + CanonicalRequest.canonicalQuery(request.rawQuery(), false) + '\n' + headers + '\n' + body;
        String paramsForm = request.method() + '\n' + path + '\n' + sortedParams(params) + '\n' + headers + '\n';
        return List.of(Crypto.sha256(rawQueryForm.getBytes(StandardCharsets.UTF_8)),
                Crypto.sha256(paramsForm.getBytes(StandardCharsets.UTF_8)));
    }

    private static String canonicalHeaders(RawHttpRequest request, String signedHeaders) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String name : signedHeaders.split(";")) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (!lower.isEmpty()) {
                String value = request.header(lower);
                sorted.put(lower, value == null ? "" : value.trim());
            }
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    private static String sortedParams(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(PercentCodec.encode(k), PercentCodec.encode(v)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    /** X-Amz-Date wins over Date, as with every AWS signature version. */
    private static String dateHeader(RawHttpRequest request) {
        String value = request.header("x-amz-date");
        if (value == null) {
            value = request.header("date");
        }
        if (value == null) {
            throw CommonErrors.incompleteSignature("AWS3 signatures require a 'Date' or 'X-Amz-Date' header.");
        }
        return value.trim();
    }

    private static Instant parseDate(String value) {
        Instant instant = SigningTime.parseHttpDate(value);
        if (instant == null) {
            instant = SigningTime.parseIsoBasic(value);
        }
        if (instant == null) {
            throw CommonErrors.incompleteSignature("The date header must be an RFC 1123 or ISO 8601 basic date.");
        }
        return instant;
    }

    private static byte[] decodeSignature(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.signatureDoesNotMatch();
        }
    }

    private static String require(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw CommonErrors.incompleteSignature("X-Amzn-Authorization requires '" + name + "'.");
        }
        return value;
    }

    private static Map<String, String> parseParts(String text) {
        Map<String, String> parts = new HashMap<>();
        for (String component : text.split(",")) {
            String trimmed = component.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                parts.putIfAbsent(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return parts;
    }
}
