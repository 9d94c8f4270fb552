package io.inlet.engine.verdicts;

/** One header field, unfolded value. */
public record Header(String name, String value) {
}
