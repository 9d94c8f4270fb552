package io.inlet.deploy.settings;

import java.util.function.Function;

/**
 * One configuration key: its dotted name in the YAML file ({@code api.port}), its default, how
 * its text is parsed and checked, and one line of documentation. The environment variable is
 * derived from the name: {@code a.b-c} ↔ {@code INLET_A_B_C}.
 *
 * @param parser turns the text into a value, or throws {@link IllegalArgumentException} whose
 *               message says what is wrong ("is not a port number")
 * @param secret whether the value is masked when printed
 */
public record SettingDefinition<T>(String name, String defaultText, Function<String, T> parser,
                                   String description, boolean secret) {

    public String environmentVariable() {
        return "INLET_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
