package io.rpik8s.deployment.plugin.container;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The platform sidecar the {@code container} plugin adds to an app's pod on request ({@code sidecar: true};
 * docs/adr/0012-platform-sidecar.md). The plugin's own settings, as an external plugin would keep them.
 */
@ConfigMapping(prefix = "platform.plugins.container.sidecar")
public interface SidecarConfig {

    /** The sidecar's image ({@code deploy/images}, listed in kubernetes/IMAGES.md). */
    @WithDefault("ghcr.io/rpi-k8s-platform/platform-sidecar:0.1.0")
    String image();

    /** The platform's sidecar API (monitoring-service) as pods reach it. */
    @WithDefault("http://monitoring-service.platform-system.svc:8082")
    String platformUrl();

    /** The audience of the projected token; monitoring-service reviews tokens for the same one. */
    @WithDefault("rpi-k8s-platform")
    String audience();
}
