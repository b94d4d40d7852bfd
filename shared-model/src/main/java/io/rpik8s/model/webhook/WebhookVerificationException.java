package io.rpik8s.model.webhook;

/** A webhook failed verification: answer 400 (or 401) and do not process it. */
public class WebhookVerificationException extends RuntimeException {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
