package io.inlet.actions.sns;

import java.net.URI;

/**
 * One notification on its way to one subscriber URL.
 *
 * @param attempts failed attempts so far in this process (not persisted: after a restart the
 *                 backoff starts over, while the age still counts from the publish time)
 */
record Delivery(Notification notification, URI subscriber, int attempts) {

    Delivery failedOnce() {
        return new Delivery(notification, subscriber, attempts + 1);
    }
}
