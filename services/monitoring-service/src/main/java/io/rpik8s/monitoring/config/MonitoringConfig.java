package io.rpik8s.monitoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the monitoring service: Prometheus, Pi readings, alert thresholds and platform-service probes. */
@ConfigMapping(prefix = "platform.monitoring")
public interface MonitoringConfig {

    /**
     * The namespaces whose pods and app timelines this service shows: the platform's own and those its apps run in
     * (the same list as deployment-service's managed namespaces, plus the stack's). A view naming another namespace
     * is refused with 400; node and summary figures still count every pod, since they describe the hardware.
     */
    @WithDefault("default,ml-platform,storage,monitoring,platform-system")
    List<String> namespaces();

    /** The Prometheus this service reads Pi metrics from and proxies PromQL to. */
    Prometheus prometheus();

    /** Alert rule thresholds, durations and hysteresis. */
    Alerts alerts();

    /** Platform services (ML stack) probed for {@code GET /services/health} and the ServiceDown rule. */
    Services services();

    /** Alertmanager's webhook to this service, used when {@code alerts.source} is {@code alertmanager}. */
    Alertmanager alertmanager();

    /** The API of app sidecars (docs/adr/0012-platform-sidecar.md). */
    Sidecar sidecar();

    /** How sidecars' service-account tokens are reviewed. */
    interface Sidecar {
        /** The audience a sidecar's projected token must be issued for (its {@code serviceAccountToken.audience}). */
        @WithDefault("rpi-k8s-platform")
        String audience();

        /** How long a reviewed token is trusted before the Kubernetes API is asked again (at most its expiry). */
        @WithDefault("60s")
        Duration reviewCacheFor();
    }

    /** Where alerts come from (docs/adr/0006-one-alert-rule-set.md). */
    enum AlertSource {
        /** Prometheus evaluates the rules of kubernetes/base-services/prometheus/rules, Alertmanager posts them here. */
        ALERTMANAGER,
        /** This service's own engine evaluates the offline equivalents of those rules (no Prometheus ruler). */
        BUILT_IN
    }

    /** The receiving end of Alertmanager's webhook. */
    interface Alertmanager {
        /**
         * The bearer token Alertmanager sends ({@code http_config.authorization.credentials_file}), from the
         * {@code alertmanager-webhook} Secret; without it every notification is refused.
         */
        Optional<String> webhookToken();
    }

    /** Prometheus connection. */
    interface Prometheus {
        /** Base URL, e.g. {@code http://prometheus.monitoring:9090}; absent means no Pi readings and 503 on queries. */
        Optional<String> url();

        /** How long a proxied query may take before the caller gets 504. */
        @WithDefault("10s")
        Duration timeout();

        /** How often the Pi readings (temperature, throttling) are refreshed from Prometheus. */
        @WithDefault("10s")
        Duration piRefreshInterval();
    }

    /** Alert rules. */
    interface Alerts {
        /**
         * {@code alertmanager}: alerts arrive on {@code POST /api/v1/alerts/alertmanager} and the rules are read from
         * Prometheus; {@code built-in}: this service evaluates its own rules. The manifests set {@code alertmanager}.
         */
        @WithDefault("built-in")
        AlertSource source();

        /** How often the rules are evaluated. */
        @WithDefault("5s")
        Duration evaluationInterval();

        /** A node must be NotReady this long before NodeNotReady fires. */
        @WithDefault("60s")
        Duration nodeNotReadyFor();

        /** SoC temperature (°C) above which NodeTemperatureHigh fires. */
        @WithDefault("75")
        double temperatureThreshold();

        /** Degrees the temperature must fall below the threshold before the alert resolves (no flapping). */
        @WithDefault("3")
        double temperatureHysteresis();

        /** A condition must stay clear this long before its alert resolves; a re-firing within it is the same alert. */
        @WithDefault("30s")
        Duration clearFor();

        /** How many resolved alerts {@code GET /alerts} keeps showing. */
        @WithDefault("100")
        int recentLimit();
    }

    /** Platform-service probing. */
    interface Services {
        /** How often every target is probed. */
        @WithDefault("15s")
        Duration probeInterval();

        /** The probe targets by service name (minio, postgresql, mlflow, ...). */
        Map<String, Target> targets();

        /**
         * The services of the ML stack the health list always shows: one without a target is listed as not installed
         * (the local run, for example, starts no MLflow), never left out.
         */
        @WithDefault("minio,postgresql,mlflow,jupyterhub,prometheus,grafana,dask,ray,kafka,otel-collector")
        List<String> stack();
    }

    /** One probed service. */
    interface Target {
        /** {@code http} (GET, 2xx/3xx is up), {@code postgres} (SSLRequest handshake) or {@code tcp} (connect). */
        @WithDefault("http")
        String protocol();

        /** {@code http(s)://host:port/path} for http, {@code host:port} for postgres and tcp. */
        String address();

        /** Probe timeout. */
        @WithDefault("3s")
        Duration timeout();
    }
}
