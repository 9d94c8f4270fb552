package io.inlet.engine.inspect;

import io.inlet.engine.process.ActionPosition;
import io.inlet.engine.process.ActionStatus;
import io.inlet.rules.spi.ActionOutcome;

import java.time.Instant;
import java.util.Map;

/**
 * One action member of a rule as configured when the message was accepted, with what processing
 * did with it so far.
 *
 * @param parameters the action's wire parameters ({@code BucketName}, {@code TopicArn}, …)
 * @param outcome    when DONE
 * @param millis     run time of the successful attempt, when DONE
 * @param attempts   of the successful run when DONE, failures so far when FAILING
 * @param lastError  when FAILING
 */
public record ActionView(ActionPosition position, String type, Map<String, String> parameters,
                         ActionStatus.State state, ActionOutcome outcome, Long millis, int attempts,
                         Instant finishedAt, String lastError) {
    public ActionView {
        parameters = Map.copyOf(parameters);
    }
}
