package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Signing in and out, the Overview, and the app flows: deploy and watch the rollout, scale, roll back, logs. */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class SignInAndAppsBrowserTest extends PanelBrowserTest {

    @Test
    void signInKeepsTheTokenOutOfScriptsReachAndSignOutEndsTheSession() {
        context = browser.desktop();
        Page page = context.newPage();
        page.navigate(url("/apps?namespace=default"));
        assertThat(page).hasURL(Pattern.compile(".*/sign-in\\?next=%2Fapps%3Fnamespace%3Ddefault$"));
        Browser.screenshot(page, "sign-in");

        page.getByLabel("Token").fill("not-a-token");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("#sign-in-error")).containsText("did not accept this token");

        page.getByLabel("Token").fill(RunningPlatform.adminToken());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/apps\\?namespace=default$"));
        assertThat(page.locator(".who")).containsText("local-admin");

        Cookie session = context.cookies().stream().filter(c -> c.name.equals("panel-session")).findFirst()
                .orElseThrow();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(session.value).doesNotContain(RunningPlatform.adminToken().substring(0, 20));
        assertThat((String) page.evaluate("document.cookie")).doesNotContain("panel-session");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(Pattern.compile(".*/sign-in$"));
        page.navigate(url("/apps"));
        assertThat(page).hasURL(Pattern.compile(".*/sign-in\\?next=%2Fapps$"));
    }

    @Test
    void aDeploymentMadeWithKubectlIsListedAsNotManaged() {
        try (KubernetesClient cluster = RunningPlatform.cluster()) {
            cluster.apps().deployments().inNamespace("default").resource(
                    new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("by-hand")
                            .withNamespace("default").endMetadata().withNewSpec().withReplicas(1)
                            .withNewSelector().addToMatchLabels("app", "by-hand").endSelector()
                            .withNewTemplate().withNewMetadata().addToLabels("app", "by-hand").endMetadata()
                            .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                            .endSpec().endTemplate().endSpec().build()).createOr(
                                    io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }
        Page page = signedIn(RunningPlatform.token("kubectl-watcher", "viewer"));
        page.navigate(url("/apps?namespace=default"));
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("by-hand"));
        assertThat(row).containsText("not managed");
        assertThat(row).containsText("nginx:1.27");
    }

    @Test
    void overviewShowsNodesWithTemperatureAndThrottlingAndThePlatformServices() {
        Page page = signedIn(RunningPlatform.adminToken());
        assertThat(page.locator("#nodes article")).hasCount(4);
        assertThat(page.locator("#nodes article").first()).containsText("Temperature");
        assertThat(page.locator("#nodes article").first()).containsText("°C");
        assertThat(page.locator("#nodes .flags").first()).isVisible();
        assertThat(page.locator("#services tbody tr").first()).isVisible();
        assertThat(page.locator("#services")).containsText("kafka");
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "open");
        Browser.screenshot(page, "overview");

        try (var dark = browser.dark()) {
            Page darkPage = signIn(dark.newPage(), RunningPlatform.adminToken());
            assertThat(darkPage.locator("#nodes article")).hasCount(4);
            assertThat((String) darkPage.evaluate("getComputedStyle(document.body).backgroundColor"))
                    .isEqualTo("rgb(18, 22, 28)");
            Browser.screenshot(darkPage, "overview-dark");
        }
        try (var phone = browser.phone()) {
            Page phonePage = signIn(phone.newPage(), RunningPlatform.adminToken());
            assertThat(phonePage.locator("#sidebar")).not().isInViewport();
            Browser.screenshot(phonePage, "overview-phone");
            phonePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu")).click();
            assertThat(phonePage.locator("#sidebar")).isInViewport();
            assertThat(phonePage.locator("#sidebar a[href='/apps']")).isVisible();
            phonePage.keyboard().press("Escape");
            assertThat(phonePage.locator("#sidebar")).not().isInViewport();
        }
    }

    @Test
    void deployShowsTheRolloutFinishingLiveThenScaleUpdateAndRollBack() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Apps").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deploy an app")).click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("web-ui");
        page.getByLabel("Image").fill("nginx:1.27");
        page.getByLabel("Replicas").fill("2");
        page.getByLabel("Environment (container plugin)").fill("MODE=demo");
        page.getByLabel("Memory limit").fill("128Mi");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();

        assertThat(page).hasURL(Pattern.compile(".*/apps/default/web-ui\\?done=deployed$"));
        page.evaluate("window.notReloaded = true");
        // The simulated cluster starts the pods; the page follows the rollout without being reloaded.
        assertThat(page.locator("#ready-count")).hasText("2/2");
        assertThat(page.locator("#rollout-state")).hasText("running");
        assertThat(page.locator("#pods tbody tr")).hasCount(2);
        assertThat((Boolean) page.evaluate("window.notReloaded === true")).isTrue();
        assertThat(page.locator("#timeline")).containsText("deployment.created");
        Browser.screenshot(page, "app-detail");

        page.getByLabel("Replicas").fill("3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scale")).click();
        assertThat(page.locator(".banner.ok")).hasText("Scale requested.");
        assertThat(page.locator("#ready-count")).hasText("3/3");

        page.getByLabel("Image").fill("nginx:1.28");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update image")).click();
        assertThat(page.locator(".banner.ok")).containsText("Image updated");
        // The cluster makes the new ReplicaSet after the update returns: a user reloads until revision 2 is listed.
        Awaitility.await("revision 2 listed").atMost(Duration.ofSeconds(30)).until(() -> {
            page.reload();
            return page.locator("#revisions tbody tr").count() == 2;
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to 1")).click();
        assertThat(page.locator(".banner.ok")).hasText("Rolled back.");
        assertThat(page.locator("#status")).containsText("nginx:1.27");

        page.navigate(url("/apps?q=web-ui"));
        assertThat(page.locator("#apps tbody tr")).hasCount(1);
        assertThat(page.locator("#apps")).containsText("nginx:1.27");
        // the list follows the roll-back to its end without a reload (the screenshot showed it half-way before)
        assertThat(page.locator("#apps tbody tr").first()).containsText("running");
        Browser.screenshot(page, "apps");
    }

    @Test
    void theAppsListFollowsAppsDeployedAndScaledElsewhere() throws Exception {
        Page page = signedIn(RunningPlatform.token("list-watcher", "viewer"));
        page.navigate(url("/apps?namespace=default&q=elsewhere"));
        assertThat(page.locator("#apps tbody")).containsText("No app matches.");
        page.evaluate("window.notReloaded = true");

        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + RunningPlatform.port("deployment-service") + "/api/v1/deployments"))
                .header("Authorization", "Bearer " + RunningPlatform.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"made-elsewhere\", \"namespace\": \"default\","
                        + " \"image\": \"nginx:1.27\", \"replicas\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Locator row = page.locator("#apps tbody tr", new Page.LocatorOptions().setHasText("made-elsewhere"));
        assertThat(row).containsText("1/1");
        assertThat(row).containsText("running");

        // scaled with kubectl: the row follows the rollout to its end, not only the event that started it
        try (KubernetesClient cluster = RunningPlatform.cluster()) {
            cluster.apps().deployments().inNamespace("default").withName("made-elsewhere").scale(3);
        }
        assertThat(row).containsText("3/3");
        assertThat(row).containsText("running");
        assertThat(page.locator("#apps tbody tr")).hasCount(1);
        assertThat((Boolean) page.evaluate("window.notReloaded === true")).isTrue();
    }

    @Test
    void aPlatformAppIsListedWithItsReadyCondition() {
        // Declared on the cluster as kubectl or GitOps would, not through the panel
        try (KubernetesClient cluster = RunningPlatform.cluster()) {
            cluster.genericKubernetesResources("rpi-k8s.io/v1alpha1", "PlatformApp").inNamespace("default")
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion("rpi-k8s.io/v1alpha1")
                            .withKind("PlatformApp").withNewMetadata().withName("catalog").withNamespace("default")
                            .endMetadata().withAdditionalProperties(Map.of("spec",
                                    Map.of("image", "nginx:1.27", "replicas", 2))).build())
                    .create();
        }
        Page page = signedIn(RunningPlatform.token("vera", "viewer"));
        page.navigate(url("/apps?q=catalog"));
        Locator row = page.locator("#platformapps tbody tr", new Page.LocatorOptions().setHasText("catalog"));
        // The list is not live: reload until the reconciler has seen the simulated rollout finish
        Awaitility.await("PlatformApp catalog Ready").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    page.reload();
                    return row.count() == 1 && "Ready".equals(row.locator(".pill").textContent());
                });
        assertThat(row).containsText("2/2");
        assertThat(row).containsText("nginx:1.27");
        assertThat(row).containsText("2/2 replicas ready");
        Browser.screenshot(page, "apps-platformapps");
    }

    @Test
    void aPodsLogIsFollowedLive() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.navigate(url("/apps/new"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("log-ui");
        page.getByLabel("Image").fill("nginx:1.27");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();
        assertThat(page.locator("#ready-count")).hasText("1/1");

        page.locator("#pods").getByRole(AriaRole.LINK).first().click();
        assertThat(page.locator("#log-state")).hasText("Following");
        // The tail, then lines the (simulated) container writes while the page is open.
        assertThat(page.locator("#log")).containsText("(simulated)");
        int first = ((String) page.locator("#log").textContent()).split("\n").length;
        page.waitForCondition(() -> page.locator("#log").textContent().split("\n").length > first,
                new Page.WaitForConditionOptions().setTimeout(30_000));
        Browser.screenshot(page, "app-logs");
    }

    @Test
    void aBadFormInputShowsTheServicesReasonNextToTheField() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.navigate(url("/apps/new"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Bad_Name");
        page.getByLabel("Image").fill("nginx:1.27");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();

        assertThat(page.locator("#name-error")).isVisible();
        assertThat(page.locator("#name")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#name")).hasValue("Bad_Name");
        assertThat(page.locator("#image")).hasValue("nginx:1.27");
        assertThat(page.locator("body")).not().containsText("\"status\"");
        Browser.screenshot(page, "deploy-form-error");
    }

    @Test
    void aViewerSeesNoChangeButtonsAndTheServicesRefuseChangesAnyway() {
        String admin = RunningPlatform.adminToken();
        Page page = signedIn(admin);
        page.navigate(url("/apps/new"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("viewed");
        page.getByLabel("Image").fill("nginx:1.27");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();
        assertThat(page).hasURL(Pattern.compile(".*/apps/default/viewed.*"));
        context.close();

        Page viewer = signedIn(RunningPlatform.token("vera", "viewer"));
        assertThat(viewer.locator(".role")).hasText("viewer");
        viewer.navigate(url("/apps"));
        assertThat(viewer.locator("#apps")).containsText("viewed");
        assertThat(viewer.getByText("Deploy an app")).hasCount(0);
        viewer.navigate(url("/apps/default/viewed"));
        assertThat(viewer.locator("#pods")).isVisible();
        assertThat(viewer.locator("main button")).hasCount(0);
        Browser.screenshot(viewer, "app-detail-viewer");

        // A form the viewer should not have: the service refuses it, and the page says why.
        viewer.navigate(url("/apps/new"));
        viewer.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("not-allowed");
        viewer.getByLabel("Image").fill("nginx:1.27");
        viewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();
        assertThat(viewer.locator("#problem")).containsText("Missing role");
    }

    @Test
    void deletingAnAppNeedsItsName() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.navigate(url("/apps/new"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("short-lived");
        page.getByLabel("Image").fill("nginx:1.27");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy")).click();
        assertThat(page).hasURL(Pattern.compile(".*/apps/default/short-lived.*"));

        page.getByLabel("Type short-lived to delete this app").fill("something-else");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete short-lived")).click();
        assertThat(page.locator("#confirm-error")).containsText("short-lived");

        page.getByLabel("Type short-lived to delete this app").fill("short-lived");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete short-lived")).click();
        assertThat(page).hasURL(Pattern.compile(".*/apps\\?done=deleted$"));
        assertThat(page.locator("#apps")).not().containsText("short-lived");
    }
}
