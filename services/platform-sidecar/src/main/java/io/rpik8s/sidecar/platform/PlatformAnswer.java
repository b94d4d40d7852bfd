package io.rpik8s.sidecar.platform;

/**
 * The platform's answer to a forwarded report, handed back to the app as it is (a 403 or 400 problem+json tells
 * the app what is wrong).
 *
 * @param status      HTTP status
 * @param contentType its content type
 * @param body        its body
 */
public record PlatformAnswer(int status, String contentType, String body) {
}
