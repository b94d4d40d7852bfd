package io.rpik8s.panel.browser;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium, headless, driven by Playwright (its own browser download is switched off). Screenshots go to
 * {@code docs/screenshots/} when the build sets {@code panel.screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    Browser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium is missing: apt-get install -y chromium (.ci/run does it)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser profile (no cookies) with a desktop window. */
    BrowserContext desktop() {
        return chromium.newContext(new NewContextOptions().setViewportSize(1280, 860));
    }

    /** A fresh profile the size of a phone. */
    BrowserContext phone() {
        return chromium.newContext(new NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true));
    }

    /** A fresh profile that prefers the dark theme. */
    BrowserContext dark() {
        return chromium.newContext(new NewContextOptions().setViewportSize(1280, 860)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    }

    /** Saves the page as {@code docs/screenshots/<name>.png} (whole page). */
    static void screenshot(Page page, String name) {
        String dir = System.getProperty("panel.screenshots");
        if (dir != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir, name + ".png")).setFullPage(true));
        }
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
