package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;

/**
 * SetIdentityFeedbackForwardingEnabled: whether bounces and complaints are also forwarded by
 * email. It "can only be set to false when Amazon SNS topics are set for both Bounce and
 * Complaint notification types" (reference); otherwise InvalidParameterValue, in Inlet's words
 * (SES's text was not captured).
 */
final class SetIdentityFeedbackForwardingEnabled implements ApiOperation {
    private final SettingsUpdate update;

    SetIdentityFeedbackForwardingEnabled(SettingsUpdate update) {
        this.update = update;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String identity = SettingsUpdate.identityParameter(request);
        boolean enabled = XsdBoolean.required(request.params(), "ForwardingEnabled", "forwardingEnabled");
        update.apply(request, identity, current -> {
            if (!enabled && !current.feedbackTopicsSet()) {
                throw SesException.invalidParameter("Feedback forwarding can be disabled only when SNS topics are set "
                        + "for both Bounce and Complaint notifications of identity " + identity + ".");
            }
            return current.withForwarding(enabled);
        });
    }
}
