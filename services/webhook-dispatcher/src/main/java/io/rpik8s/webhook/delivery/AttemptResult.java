package io.rpik8s.webhook.delivery;

/**
 * What one HTTP attempt gave.
 *
 * @param statusCode      HTTP status, null when no response came
 * @param latencyMs       time until the response or the error
 * @param responseExcerpt the first bytes of the response body
 * @param error           the transport error, or why the attempt was refused
 * @param retryAfter      the Retry-After header
 * @param blocked         refused by the SSRF guard
 */
public record AttemptResult(Integer statusCode, long latencyMs, String responseExcerpt, String error,
        String retryAfter, boolean blocked) {

    public boolean success() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
