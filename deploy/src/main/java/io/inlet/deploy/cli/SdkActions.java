package io.inlet.deploy.cli;

import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Receipt actions between the SDK's model and the document's wire-named maps
 * ({@code {S3Action: {BucketName: mail}}}), generically through the SDK's field metadata, so every
 * action type the SDK knows (and its parameters) round-trips without a line of code per type.
 */
final class SdkActions {

    private SdkActions() {
    }

    /** One action entry as {@code type → parameters}, wire names, parameters in the model's order. */
    static Map<String, Map<String, String>> toMap(ReceiptAction action) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (SdkField<?> field : action.sdkFields()) {
            Object value = field.getValueOrDefault(action);
            if (value instanceof SdkPojo member) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (SdkField<?> p : member.sdkFields()) {
                    Object v = p.getValueOrDefault(member);
                    if (v != null) {
                        parameters.put(p.locationName(), String.valueOf(v));
                    }
                }
                out.put(field.locationName(), parameters);
            }
        }
        return out;
    }

    /** The SDK action of a document entry; unknown types and parameters are named in the error. */
    static ReceiptAction fromMap(Map<String, Map<String, String>> entry, String where) {
        ReceiptAction.Builder builder = ReceiptAction.builder();
        Map<String, SdkField<?>> types = byLocationName(builder.sdkFields());
        for (Map.Entry<String, Map<String, String>> member : entry.entrySet()) {
            SdkField<?> typeField = types.get(member.getKey());
            if (typeField == null || !MarshallingType.SDK_POJO.equals(typeField.marshallingType())) {
                throw new CliException(where + ": unknown action type " + member.getKey() + " (known: "
                        + String.join(", ", types.keySet()) + ")");
            }
            SdkPojo memberBuilder = typeField.constructor().get();
            Map<String, SdkField<?>> parameters = byLocationName(memberBuilder.sdkFields());
            for (Map.Entry<String, String> p : member.getValue().entrySet()) {
                SdkField<?> field = parameters.get(p.getKey());
                if (field == null) {
                    throw new CliException(where + ": " + member.getKey() + " has no parameter " + p.getKey()
                            + " (known: " + String.join(", ", parameters.keySet()) + ")");
                }
                field.set(memberBuilder, scalar(field, p.getValue(), where + ": " + member.getKey() + "." + p.getKey()));
            }
            typeField.set(builder, ((SdkBuilder<?, ?>) memberBuilder).build());
        }
        return builder.build();
    }

    /**
     * The parameter defaults the daemon fills in when a rule is stored (e.g. SNSAction Encoding
     * UTF-8), by action type, as the action plugins in this jar declare them: a document that leaves
     * a defaulted parameter out is the same as the daemon's rule that shows it.
     */
    static Map<String, Map<String, String>> declaredDefaults() {
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class)) {
            Map<String, String> own = new LinkedHashMap<>();
            for (ActionParameter p : plugin.parameters()) {
                if (p.defaultValue() != null) {
                    own.put(p.name(), p.defaultValue());
                }
            }
            defaults.put(plugin.type(), Map.copyOf(own));
        }
        return defaults;
    }

    private static Map<String, SdkField<?>> byLocationName(List<SdkField<?>> fields) {
        Map<String, SdkField<?>> out = new LinkedHashMap<>();
        fields.forEach(f -> out.put(f.locationName(), f));
        return out;
    }

    private static Object scalar(SdkField<?> field, String value, String where) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (MarshallingType.STRING.equals(type)) {
                return value;
            }
            if (MarshallingType.INTEGER.equals(type)) {
                return Integer.valueOf(value.trim());
            }
            if (MarshallingType.LONG.equals(type)) {
                return Long.valueOf(value.trim());
            }
            if (MarshallingType.BOOLEAN.equals(type)) {
                return Boolean.valueOf(value.trim());
            }
        } catch (NumberFormatException e) {
            throw new CliException(where + ": not a number: " + value);
        }
        throw new CliException(where + ": a parameter of this type cannot be given as text");
    }
}
