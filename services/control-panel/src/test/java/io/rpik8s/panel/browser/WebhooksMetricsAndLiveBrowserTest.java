package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook endpoints and their deliveries, metrics charts, alerts, and the live stream with its reconnection. */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class WebhooksMetricsAndLiveBrowserTest extends PanelBrowserTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anEndpointIsRegisteredItsSecretShownOnceATestDeliveredAndReplayed() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks")).click();
        page.getByText("Register an endpoint").click();
        page.getByLabel("URL").fill("not a url");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(page.locator("#url-error")).isVisible();
        assertThat(page.locator("#url")).hasAttribute("aria-invalid", "true");

        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        page.getByLabel("URL").fill(hook);
        page.getByLabel("Description").fill("classroom bot");
        page.getByLabel("Event types").fill("webhook.test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(page.locator("#secret")).hasText(Pattern.compile("^whsec_.+"));
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy"))).isVisible();
        Browser.screenshot(page, "webhook-secret");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Continue to the endpoint")).click();
        assertThat(page.locator("body")).not().containsText("whsec_");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test")).click();
        assertThat(page.locator(".banner.ok")).containsText("Test message queued");
        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        // The receiver has it; the dispatcher records the attempt right after. The log is read when the page loads.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            page.reload();
            return page.locator("#deliveries").textContent().contains("succeeded");
        });
        Browser.screenshot(page, "webhook-endpoint");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Replay"))).first()
                .click();
        assertThat(page.locator(".banner.ok")).hasText("Replay queued.");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        assertThat(received.get(1)).isEqualTo(received.get(0));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Attempts")).first().click();
        assertThat(page.locator("#attempts")).containsText("succeeded");
        assertThat(page.locator("#attempts")).containsText("204");
        assertThat(page.locator("#attempts")).containsText(" ms");
        Browser.screenshot(page, "webhook-attempts");
        page.navigate(url("/webhooks"));
        Browser.screenshot(page, "webhooks");
    }

    @Test
    void aPromqlQueryIsDrawnAndABadOneExplained() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Metrics")).click();
        page.getByLabel("PromQL").fill("node_thermal_zone_temp");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Draw")).click();
        assertThat(page.locator("figure").first().locator("svg polyline")).hasCount(4);
        assertThat(page.locator(".legend").first()).containsText("node=");
        Browser.screenshot(page, "metrics");

        page.getByLabel("PromQL").fill("sum(");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Draw")).click();
        assertThat(page.locator("#query-error")).isVisible();
        assertThat(page.locator("#query")).hasAttribute("aria-invalid", "true");
    }

    @Test
    void alertsShowFiringAndResolvedWithTheirRule() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alerts")).click();
        assertThat(page.locator("#alerts")).isVisible();
        assertThat(page.locator("#alerts thead")).containsText("Rule");
        Browser.screenshot(page, "alerts");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Resolved")).click();
        assertThat(page).hasURL(Pattern.compile(".*/alerts\\?status=resolved$"));
        assertThat(page.locator("#alerts tbody")).not().containsText("firing ·");
    }

    @Test
    void changesReachAnOpenPageAndADroppedStreamReconnectsByItself() throws Exception {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live")).click();
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "open");

        deploy("live-demo");
        assertThat(page.locator("#feed li[data-kind=deployment]").first()).containsText("live-demo");
        assertThat(page.locator("#feed li[data-kind=pod]").first()).isVisible();
        Browser.screenshot(page, "live");

        // The network goes away: the stream ends (the panel ends every stream after a while, 8 s in the tests) and
        // cannot come back; the page says so, and EventSource reconnects by itself once it can.
        context.setOffline(true);
        assertThat(page.locator("#live-banner")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsVisibleOptions().setTimeout(30_000));
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "reconnecting");
        context.setOffline(false);
        assertThat(page.locator("#live-banner")).isHidden();
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "open");
        deploy("after-reconnect");
        assertThat(page.locator("#feed li[data-kind=deployment]").first()).containsText("after-reconnect");
    }

    private static void deploy(String name) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + RunningPlatform.port("deployment-service") + "/api/v1/deployments"))
                .header("Authorization", "Bearer " + RunningPlatform.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"namespace\": \"default\","
                        + " \"image\": \"nginx:1.27\", \"replicas\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
}
