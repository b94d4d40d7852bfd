package io.rpik8s.localrun.services;

import java.util.List;

/** One of the platform's Quarkus services (the four and the control panel, started last) and its conventional port. */
public record PlatformService(String name, int port) {

    public static final List<PlatformService> ALL = List.of(
            new PlatformService("deployment-service", 8081),
            new PlatformService("monitoring-service", 8082),
            new PlatformService("storage-service", 8083),
            new PlatformService("webhook-dispatcher", 8084),
            new PlatformService("control-panel", 8080));
}
