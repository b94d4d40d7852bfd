package io.rpik8s.examples.events.config;

import java.time.Instant;
import java.util.Optional;
import io.smallrye.config.ConfigMapping;

/** Settings of the example app ({@code events-app.*}). */
@ConfigMapping(prefix = "events-app")
public interface EventsAppConfig {

    /** Start every partition at the first event from this time (ISO-8601) when the app joins its group. */
    Optional<Instant> replayFrom();

    /** The {@code whsec_} secret of this app's webhook endpoint, from a Secret (EVENTS_APP_WEBHOOK_SECRET). */
    String webhookSecret();
}
