package io.inlet.actions.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Lambda through the SDK (or any endpoint speaking its API). The function is named by its
 * full ARN, so the qualifier and account travel with it. One client per region: the
 * {@code actions.lambda.region} setting, or else each function ARN's own region. Credentials come
 * from the standard provider chain, resolved on first use, so a daemon without credentials starts
 * and its Lambda actions fail and retry.
 */
public final class AwsFunctionInvoker implements FunctionInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(AwsFunctionInvoker.class);

    private final LambdaSettings settings;
    private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final SdkHttpClient http;
    private final Map<String, LambdaClient> clients = new ConcurrentHashMap<>();

    public AwsFunctionInvoker(LambdaSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.timeout())
                .socketTimeout(settings.timeout())
                .build();
    }

    /**
     * Lambda answers an accepted Event with 202 and a RequestResponse with 200; a function that
     * threw still gets 200, with {@code X-Amz-Function-Error} set: that is a failure too.
     */
    @Override
    public String invoke(FunctionArn function, InvocationType type, String eventJson) throws FunctionInvocationException {
        InvokeResponse response;
        try {
            response = client(function).invoke(b -> b
                    .functionName(function.arn())
                    .invocationType(type == InvocationType.EVENT
                            ? software.amazon.awssdk.services.lambda.model.InvocationType.EVENT
                            : software.amazon.awssdk.services.lambda.model.InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(eventJson)));
        } catch (SdkException e) {
            throw new FunctionInvocationException(function.arn(), "Invoke failed: " + e.getMessage(), e);
        }
        String payload = response.payload() == null ? null : response.payload().asUtf8String();
        int status = response.statusCode() != null ? response.statusCode() : response.sdkHttpResponse().statusCode();
        if (status / 100 != 2) {
            throw new FunctionInvocationException(function.arn(), "Invoke answered HTTP " + status);
        }
        if (response.functionError() != null) {
            throw new FunctionInvocationException(function.arn(), "function error " + response.functionError()
                    + ": " + FunctionInvocationException.excerpt(payload, 500));
        }
        return type == InvocationType.REQUEST_RESPONSE ? payload : null;
    }

    /** GetFunction proves the function exists and these credentials can see it. */
    @Override
    public boolean canInvoke(FunctionArn function) {
        try {
            client(function).getFunction(b -> b.functionName(function.arn()));
            return true;
        } catch (SdkException e) {
            LOG.info("GetFunction {} failed: {}", function.arn(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        clients.values().forEach(LambdaClient::close);
        http.close(); // clients do not close an HTTP client or a provider they were given
        credentials.close();
    }

    private LambdaClient client(FunctionArn function) {
        String region = settings.region().isEmpty() ? function.region() : settings.region();
        return clients.computeIfAbsent(region, this::newClient);
    }

    /** The call timeout bounds the whole call, retries included: a RequestResponse waits no longer. */
    private LambdaClient newClient(String region) {
        LambdaClientBuilder builder = LambdaClient.builder()
                .httpClient(http)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(settings.timeout()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
