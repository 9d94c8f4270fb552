package io.inlet.config.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SigV4 canonical request and string to sign, built from the request exactly as it arrived
 * (AWS General Reference, "Create a canonical request").
 */
final class CanonicalRequest {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String PRESIGNED_SIGNATURE_PARAM = "X-Amz-Signature";

    private CanonicalRequest() {
    }

    /**
     * @param presigned   leaves X-Amz-Signature out of the canonical query string
     * @param payloadHash hex SHA-256 of the body, or the literal the client declared
     */
    static String build(RawHttpRequest request, List<String> signedHeaders, boolean presigned, String payloadHash) {
        return request.method() + '\n'
                + canonicalUri(request.rawPath()) + '\n'
                + canonicalQuery(request.rawQuery(), presigned) + '\n'
                + canonicalHeaders(request, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n'
                + Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] kDate = Crypto.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = Crypto.hmacSha256(kDate, region);
        byte[] kService = Crypto.hmacSha256(kRegion, service);
        return Crypto.hmacSha256(kService, "aws4_request");
    }

    /**
     * The wire path encoded once more: what SDKs produce for every service but S3 ("double
     * encoding", since the path they send is already encoded once).
     */
    static String canonicalUri(String rawPath) {
        return rawPath.isEmpty() ? "/" : PercentCodec.encodePath(rawPath);
    }

    static String canonicalQuery(String rawQuery, boolean presigned) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] pair : PercentCodec.queryPairs(rawQuery)) {
            if (presigned && pair[0].equals(PRESIGNED_SIGNATURE_PARAM)) {
                continue;
            }
            encoded.add(new String[] {PercentCodec.encode(pair[0]), PercentCodec.encode(pair[1])});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static String canonicalHeaders(RawHttpRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = request.headerValues(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(normalizeValue(values.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Trims and collapses runs of spaces, as the signer did before hashing. */
    static String normalizeValue(String value) {
        return value.trim().replaceAll(" +", " ");
    }
}
