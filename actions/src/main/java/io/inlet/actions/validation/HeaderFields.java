package io.inlet.actions.validation;

/**
 * Header name and value rules for AddHeaderAction. The name follows what SES accepts in practice
 * (RFC 5322 ftext: printable US-ASCII except ':', probed), capped at the documented 50 characters;
 * the value at the documented 2048 characters with no CR or LF (no header injection).
 */
public final class HeaderFields {

    public static final int MAX_NAME_LENGTH = 50;
    public static final int MAX_VALUE_LENGTH = 2048;

    private HeaderFields() {
    }

    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** An empty value is accepted (probed). */
    public static boolean isValidValue(String value) {
        return value != null && value.length() <= MAX_VALUE_LENGTH && !Text.hasLineBreak(value);
    }
}
