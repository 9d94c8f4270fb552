package io.inlet.actions.validation;

import java.util.regex.Pattern;

/**
 * S3 general-purpose bucket naming rules: 3-63 characters of lower-case letters, digits, '.' and
 * '-', starting and ending with a letter or digit, no "..", not shaped like an IPv4 address.
 * The reserved prefixes/suffixes (xn--, -s3alias, ...) are not refused: access-point aliases and
 * old buckets use them and can still be written to.
 */
public final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        return name != null
                && SHAPE.matcher(name).matches()
                && !name.contains("..")
                && !IPV4_LIKE.matcher(name).matches();
    }
}
