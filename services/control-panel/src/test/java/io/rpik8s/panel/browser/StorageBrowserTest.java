package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Buckets, objects moved between the browser and S3 with presigned URLs, volumes and databases. */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class StorageBrowserTest extends PanelBrowserTest {

    /**
     * Databases are cluster-wide on the PostgreSQL server, which CI and the machine's other runs share: a name unique
     * to this run (lowercase, so its Secret name stays valid) keeps a database left by an earlier run out of the way.
     */
    private static final String DATABASE = "notebooks" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @Test
    void anObjectIsUploadedAndDownloadedStraightBetweenTheBrowserAndS3() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Storage")).click();
        page.getByLabel("New bucket").fill("Not_A_Bucket");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create bucket")).click();
        assertThat(page.locator("#name-error")).isVisible();

        page.getByLabel("New bucket").fill("datasets");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create bucket")).click();
        assertThat(page.locator(".banner.ok")).hasText("Bucket created.");
        Browser.screenshot(page, "storage-buckets");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("datasets")).click();

        java.util.List<String> toS3 = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.method().equals("PUT")) {
                toS3.add(r.url());
            }
        });
        page.locator("#file").setInputFiles(new FilePayload("readings.csv", "text/csv",
                "node,celsius\npi-node-1,52.5\n".getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload").setExact(true)).click();
        assertThat(page.locator("#objects")).containsText("readings.csv");
        assertThat(toS3).singleElement().satisfies(u -> assertThat(u)
                .startsWith("http://127.0.0.1:").contains("/datasets/readings.csv?").contains("X-Amz-Signature")
                .doesNotStartWith(url("")));
        Browser.screenshot(page, "storage-objects");

        String href = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("readings.csv"))
                .getAttribute("href");
        // The panel answers with a redirect to a presigned URL; the browser fetches the object from S3 itself.
        Object downloaded = page.evaluate("href => fetch(href, {credentials: 'same-origin'})"
                + ".then(r => r.url + '\\n' + r.status + '\\n').then(async head => head)", href);
        assertThat((String) downloaded).contains("/datasets/readings.csv?").contains("\n200\n");
        Object body = page.evaluate("href => fetch(href).then(r => r.text())", href);
        assertThat((String) body).isEqualTo("node,celsius\npi-node-1,52.5\n");
    }

    @Test
    void aDatabaseIsCreatedWithTheSecretThatHoldsItsCredentialsAndItsPasswordRotated() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.navigate(url("/storage/databases"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Bad-Name");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create database")).click();
        assertThat(page.locator("#name-error")).isVisible();

        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(DATABASE);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create database")).click();
        assertThat(page.locator(".banner.ok")).hasText("Database created.");
        assertThat(page.locator("#databases")).containsText("default/" + DATABASE + "-db");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rotate password of " + DATABASE)).click();
        assertThat(page.locator(".banner.ok")).containsText("Password rotated");
        Browser.screenshot(page, "storage-databases");
    }

    @Test
    void aVolumeIsCreatedAndShownWithItsState() {
        Page page = signedIn(RunningPlatform.adminToken());
        page.navigate(url("/storage/volumes"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("scratch");
        page.getByLabel("Capacity").fill("2Gi");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create volume")).click();
        assertThat(page.locator(".banner.ok")).hasText("Volume created.");
        assertThat(page.locator("#volumes")).containsText("scratch");
        Browser.screenshot(page, "storage-volumes");
    }
}
