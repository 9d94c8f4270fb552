package io.inlet.actions.validation;

/** Tiny string helpers shared by the validators. */
final class Text {

    private Text() {
    }

    static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
