package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** What every browser test needs: Chromium, the panel's URL, and signing in with a token as a user does. */
abstract class PanelBrowserTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL panel;

    BrowserContext context;

    @BeforeAll
    static void startChromium() {
        if (browser == null) {
            browser = new Browser();
            // The machine is shared and slow at times: give assertions room, they return as soon as they pass.
            PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        }
    }

    @AfterAll
    static void keepChromiumForTheNextClass() {
        // One Chromium for all browser test classes of this JVM; it ends with the JVM.
    }

    @AfterEach
    void closeProfile() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    String url(String path) {
        return panel.toString().replaceAll("/$", "") + path;
    }

    /** A fresh desktop profile signed in with {@code token}, on the Overview. */
    Page signedIn(String token) {
        context = browser.desktop();
        return signIn(context.newPage(), token);
    }

    Page signIn(Page page, String token) {
        page.navigate(url("/sign-in"));
        page.getByLabel("Token").fill(token);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/$|.*/[a-z]+.*"));
        assertThat(page.locator(".who")).isVisible();
        return page;
    }
}
