package io.rpik8s.localrun.services;

import java.util.List;

/**
 * One of the platform's Quarkus services (the four and the control panel, started last), its conventional port and
 * whether it serves a REST API with its OpenAPI document and Swagger UI (the panel serves pages).
 */
public record PlatformService(String name, int port, boolean restApi) {

    public static final List<PlatformService> ALL = List.of(
            new PlatformService("deployment-service", 8081, true),
            new PlatformService("monitoring-service", 8082, true),
            new PlatformService("storage-service", 8083, true),
            new PlatformService("webhook-dispatcher", 8084, true),
            new PlatformService("control-panel", 8080, false));
}
