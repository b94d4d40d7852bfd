package io.rpik8s.panel.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on through an OpenID Connect provider: the panel sends the browser to the provider with PKCE, comes back
 * with a code, exchanges it and signs in with the access token once a real service has accepted it.
 */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
@QuarkusTestResource(TestOidcProvider.class)
class OidcSignInBrowserTest extends PanelBrowserTest {

    @Test
    void signingInAtTheProviderReturnsToTheRequestedPageWithASession() {
        context = browser.desktop();
        Page page = context.newPage();
        page.navigate(url("/apps?namespace=default"));
        assertThat(page).hasURL(Pattern.compile(".*/sign-in\\?next=.*"));
        int before = TestOidcProvider.EXCHANGES.size();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Pi Lab SSO")).click();
        assertThat(page.locator("h1")).hasText("Pi Lab SSO");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as olivia")).click();

        assertThat(page).hasURL(Pattern.compile(".*/apps\\?namespace=default$"));
        assertThat(page.locator(".who")).containsText("olivia");
        assertThat(page.locator(".who")).containsText("operator");
        assertThat(TestOidcProvider.EXCHANGES.subList(before, TestOidcProvider.EXCHANGES.size()))
                .as("one code exchanged, with the client secret and the PKCE verifier").containsExactly("issued");
        Cookie session = context.cookies().stream().filter(c -> c.name.equals("panel-session")).findFirst()
                .orElseThrow();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(context.cookies()).as("the sign-in state is gone once used")
                .noneMatch(c -> c.name.equals("panel-oidc") && !c.value.isEmpty());

        // The code worked once: the same callback again is refused, and the session stays as it was.
        page.navigate(url("/sign-in/oidc/callback?code=replayed&state=replayed"));
        assertThat(page.locator("#sign-in-error")).containsText("not started from this browser");
    }

    @Test
    void aDeniedSignInSaysWhyAndStartsNoSession() {
        context = browser.desktop();
        Page page = context.newPage();
        page.navigate(url("/sign-in"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Pi Lab SSO")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deny")).click();
        assertThat(page.locator("#sign-in-error")).containsText("access_denied");
        assertThat(page.locator("#sign-in-error")).containsText("The user denied the request");
        assertThat(context.cookies()).noneMatch(c -> c.name.equals("panel-session") && !c.value.isEmpty());
        page.navigate(url("/apps"));
        assertThat(page).hasURL(Pattern.compile(".*/sign-in\\?next=%2Fapps$"));
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefused() {
        context = browser.desktop();
        Page page = context.newPage();
        page.navigate(url("/sign-in/oidc/callback?code=stolen&state=forged"));
        assertThat(page.locator("#sign-in-error")).containsText("not started from this browser");
        assertThat(context.cookies()).noneMatch(c -> c.name.equals("panel-session") && !c.value.isEmpty());
    }
}
