package io.rpik8s.localrun.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.localrun.PlatformHarness;
import io.rpik8s.localrun.hardening.OpenApiCatalog.Operation;
import io.rpik8s.localrun.hardening.OpenApiCatalog.Parameter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of every service, listed from its own OpenAPI document: each answers 401 to an anonymous call, each
 * mutating route answers 403 to a viewer, and each route that names a namespace (in its path, query or body)
 * refuses an unmanaged one, {@code kube-system}, even to an admin. Fails with the list of offending routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class RouteCensusIT {

    /** Answers that refuse a namespace: invalid for this platform, or forbidden. */
    private static final Set<Integer> REFUSALS = Set.of(400, 403, 422);
    private final PlatformHarness platform = PlatformHarness.shared();
    private final PlatformApi api = new PlatformApi(platform);
    private final List<Operation> routes = new ArrayList<>();

    @BeforeAll
    void listRoutes() throws Exception {
        for (String service : PlatformHarness.SERVICES) {
            routes.addAll(OpenApiCatalog.read(service, platform.baseUrl(service)));
        }
        System.out.printf("RouteCensusIT: %d routes, %d mutating, %d naming a namespace%n", routes.size(),
                routes.stream().filter(Operation::mutating).count(),
                routes.stream().filter(RouteCensusIT::namesANamespace).count());
        assertThat(routes).as("routes in the OpenAPI documents").hasSizeGreaterThan(40);
    }

    @Test
    void everyRouteRefusesAnAnonymousCall() throws Exception {
        List<String> offending = new ArrayList<>();
        for (Operation route : routes) {
            HttpResponse<String> answer = call(route, "default", null, offending);
            if (answer != null && answer.statusCode() != 401) {
                offending.add(route + " -> " + answer.statusCode());
            }
        }
        assertThat(offending).as("routes that do not answer 401 to an anonymous call").isEmpty();
    }

    @Test
    void everyMutatingRouteRefusesAViewer() throws Exception {
        String viewer = platform.viewer();
        List<String> offending = new ArrayList<>();
        for (Operation route : routes.stream().filter(Operation::mutating).toList()) {
            HttpResponse<String> answer = call(route, "default", viewer, offending);
            if (answer != null && answer.statusCode() != expectedForAViewer(route)) {
                offending.add(route + " -> " + answer.statusCode() + " " + abbreviate(answer.body()));
            }
        }
        assertThat(offending).as("mutating routes that do not answer 403 to a viewer").isEmpty();
    }

    /**
     * 403, but 401 on Alertmanager's webhook: it takes only Alertmanager's own token (no platform token, whatever its
     * role, is a credential there; docs/api/monitoring-service.md).
     */
    private static int expectedForAViewer(Operation route) {
        return route.path().equals("/api/v1/alerts/alertmanager") ? 401 : 403;
    }

    @Test
    void everyRouteNamingANamespaceRefusesAnUnmanagedOne() throws Exception {
        String admin = platform.admin();
        List<String> offending = new ArrayList<>();
        for (Operation route : routes.stream().filter(RouteCensusIT::namesANamespace).toList()) {
            HttpResponse<String> answer = call(route, "kube-system", admin, offending);
            if (answer != null && !REFUSALS.contains(answer.statusCode())) {
                offending.add(route + " -> " + answer.statusCode() + " " + abbreviate(answer.body()));
            }
        }
        assertThat(offending).as("routes that accept the unmanaged namespace kube-system (expected one of %s)",
                REFUSALS).isEmpty();
    }

    /** Calls the route; a call the service does not answer (connection cut) is itself an offence. */
    private HttpResponse<String> call(Operation route, String namespace, String token, List<String> offending)
            throws InterruptedException {
        try {
            return api.send(route.method(), route.service(), path(route, namespace), token, body(route, namespace));
        } catch (java.io.IOException e) {
            offending.add(route + " -> no answer: " + e.getMessage());
            return null;
        }
    }

    private static boolean namesANamespace(Operation route) {
        return route.namesANamespace()
                || (route.bodySchema() != null && route.bodySchema().path("properties").has("namespace"));
    }

    /** The route with {@code namespace} and census names for its parameters, and its required query. */
    private static String path(Operation route, String namespace) {
        String path = route.path();
        StringBuilder query = new StringBuilder();
        for (Parameter p : route.parameters()) {
            String value = p.name().equals("namespace") ? namespace : "census-missing";
            if ("path".equals(p.in())) {
                path = path.replace("{" + p.name() + "}", value);
            } else if (p.required() || p.name().equals("namespace")) {
                query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=')
                        .append(URLEncoder.encode(p.name().equals("query") ? "up" : value, StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    /** A valid-looking body for the route (what it names lives in {@code namespace}), or none. */
    private static String body(Operation route, String namespace) {
        if (route.bodySchema() == null) {
            return null;
        }
        return switch (route.path()) {
            case "/api/v1/deployments" -> "{\"name\":\"census-app\",\"namespace\":\"" + namespace
                    + "\",\"image\":\"nginx:1.27\",\"replicas\":1}";
            case "/api/v1/storage/databases" -> "{\"name\":\"census_db\",\"namespace\":\"" + namespace + "\"}";
            case "/api/v1/storage/volumes" -> "{\"name\":\"census-volume\",\"namespace\":\"" + namespace
                    + "\",\"capacity\":\"1Gi\"}";
            // A viewer may presign a download; an upload is the refusal this census looks for.
            case "/api/v1/storage/buckets/{bucket}/presign" -> "{\"key\":\"census.txt\",\"method\":\"PUT\"}";
            default -> "{}";
        };
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 160 ? String.valueOf(body) : body.substring(0, 160) + "...";
    }
}
