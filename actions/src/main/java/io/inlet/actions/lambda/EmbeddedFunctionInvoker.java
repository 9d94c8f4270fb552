package io.inlet.actions.lambda;

import io.inlet.rules.spi.LambdaFunction;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded backend: a function is either a URL configured in {@code actions.lambda.functions}
 * or a function a plugin jar provides. Precedence: a configured URL wins over a plugin function
 * of the same name, so an operator can redirect a plugin's function without removing the jar.
 * Both are looked up by the ARN as written, then the ARN without qualifier, then the bare name.
 */
public final class EmbeddedFunctionInvoker implements FunctionInvoker {

    private final Map<String, URI> urls;
    private final Function<String, Optional<LambdaFunction>> plugins;
    private final HttpFunctionClient http;
    private final PluginFunctionRunner runner;

    /** @param plugins the daemon's plugin functions by name ({@code PluginEnvironment::function}) */
    public EmbeddedFunctionInvoker(LambdaSettings settings, Function<String, Optional<LambdaFunction>> plugins) {
        this.urls = settings.functions();
        this.plugins = plugins;
        this.http = new HttpFunctionClient(settings.timeout());
        this.runner = new PluginFunctionRunner(settings.timeout());
    }

    @Override
    public String invoke(FunctionArn function, InvocationType type, String eventJson) throws FunctionInvocationException {
        Optional<URI> url = url(function);
        if (url.isPresent()) {
            String result = http.post(url.get(), function.arn(), type, eventJson);
            return type == InvocationType.REQUEST_RESPONSE ? result : null;
        }
        LambdaFunction plugin = plugin(function).orElseThrow(() -> new FunctionInvocationException(function.arn(),
                "no URL is configured for it in " + LambdaSettings.FUNCTIONS + " and no plugin provides it"));
        if (type == InvocationType.EVENT) {
            runner.fire(plugin, function.arn(), eventJson);
            return null;
        }
        return runner.call(plugin, function.arn(), eventJson);
    }

    @Override
    public boolean canInvoke(FunctionArn function) {
        return url(function).isPresent() || plugin(function).isPresent();
    }

    @Override
    public void close() {
        runner.close();
    }

    private Optional<URI> url(FunctionArn function) {
        return function.lookupKeys().stream().map(urls::get).filter(u -> u != null).findFirst();
    }

    private Optional<LambdaFunction> plugin(FunctionArn function) {
        for (String key : function.lookupKeys()) {
            Optional<LambdaFunction> found = plugins.apply(key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
