package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The example page of docs/extending.md ("Adding a control-panel page"): reachable from the sidebar, filled. */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class PluginsPageBrowserTest extends PanelBrowserTest {

    @Test
    void thePluginsPageListsEachPluginWithTheChangesItOffers() {
        Page page = signedIn(RunningPlatform.token("vera", "viewer"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plugins")).click();
        assertThat(page.locator("#sidebar a[aria-current=page]")).hasText("Plugins");
        assertThat(page.locator("#plugins tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("container"))).containsText("rollback");
        assertThat(page.locator("#plugins tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("manifest"))).containsText("scale");
        Browser.screenshot(page, "plugins");
    }
}
