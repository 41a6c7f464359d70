package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.apitokens.e2e.Distribution;
import dev.apitokens.e2e.RestClient;

/**
 * The profile block's scope, restrictions, rename, rotation, last addresses and "created by" in headless Chromium,
 * against the Jira distribution started from its jar.
 */
class TokenLifecyclePagesIT {

    private static final String PROFILE = "/secure/ViewProfile.jspa";
    private static final String CAROL_PASSWORD = "carol-e2e-password";

    @RegisterExtension
    static final PagesInChromium PAGES = new PagesInChromium(Distribution.of("jira")
            .config("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1")));

    private static Distribution jira;
    private static TokenScripts scripts;
    private static HeadlessChromium browser;
    private static String origin;

    @BeforeAll
    static void users() throws Exception {
        jira = PAGES.distribution();
        jira.addUser("carol", CAROL_PASSWORD, false);
        scripts = new TokenScripts(jira);
        origin = PAGES.origin();
        browser = PAGES.browser();
    }

    @Test
    void aUserCreatesARestrictedTokenSeesItsUseRenamesAndRotatesIt() throws Exception {
        logIn("carol", CAROL_PASSWORD);
        browser.click("create-token");
        browser.type("token-label", "Read-only monitor");
        browser.click("token-scope-read");
        browser.type("token-paths", "/rest/api/2/myself");
        browser.type("token-ips", "127.0.0.1\n::1");
        browser.click("generate-token");
        String secret = browser.visible("created-secret").getDomProperty("value");
        assertFalse(secret.isBlank());
        browser.click("created-done");
        browser.waiting().until(driver -> browser.dialogClosed("create-dialog"));

        WebElement row = browser.rowWithLabel("tokens-body", "Read-only monitor");
        // the scope lozenge is upper case by its style; the text is "read only"
        String access = row.findElement(By.cssSelector("td.access")).getText().toLowerCase(Locale.ROOT);
        assertTrue(access.contains("read only") && access.contains("paths: /rest/api/2/myself")
                && access.contains("from: 127.0.0.1, ::1"), access);

        assertEquals(200, scripts.myself("carol", secret).statusCode(), "GET within its path");
        RestClient rest = new RestClient(jira);
        RestClient.Reply write = rest.call("POST", "/rest/api/2/myself", Distribution.basic("carol", secret), "{}");
        assertEquals(403, write.status(), write.toString());
        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(driver -> {
            driver.navigate().refresh();
            return browser.rowWithLabel("tokens-body", "Read-only monitor")
                    .findElement(By.cssSelector("td.last-accessed")).getText().contains("127.0.0.1");
        });

        browser.rowWithLabel("tokens-body", "Read-only monitor").findElement(By.cssSelector("button.rename")).click();
        browser.visible("rename-dialog");
        assertEquals("rename-label", browser.focusedId());
        browser.type("rename-label", "Uptime monitor");
        browser.click("rename-save");
        browser.waiting().until(driver -> browser.dialogClosed("rename-dialog"));
        browser.waitForText("tokens-status", "renamed");
        WebElement renamed = browser.rowWithLabel("tokens-body", "Uptime monitor");

        renamed.findElement(By.cssSelector("button.rotate")).click();
        browser.visible("confirm-dialog");
        assertTrue(browser.driver.findElement(By.id("confirm-message")).getText().contains("Uptime monitor"));
        browser.click("confirm-ok");
        String rotated = browser.visible("created-secret").getDomProperty("value");
        assertNotEquals(secret, rotated);
        assertTrue(browser.driver.findElement(By.id("create-title")).getText().contains("Uptime monitor"));
        browser.click("created-done");
        browser.waiting().until(driver -> browser.dialogClosed("create-dialog"));
        assertEquals(200, scripts.myself("carol", rotated).statusCode(), "the new secret works");
        String stillRestricted = browser.rowWithLabel("tokens-body", "Uptime monitor")
                .findElement(By.cssSelector("td.access")).getText().toLowerCase(Locale.ROOT);
        assertTrue(stillRestricted.contains("read only"), stillRestricted);
    }

    @Test
    void aTokenAnAdminMadeForTheUserSaysSo() throws Exception {
        RestClient.Reply made = new RestClient(jira).call("POST", "/rest/api-tokens/latest/admin/users/carol/tokens",
                Distribution.basic("admin", jira.adminPassword()), "{\"label\":\"Provisioned by IT\"}");
        assertEquals(200, made.status(), made.toString());
        logIn("carol", CAROL_PASSWORD);
        WebElement row = browser.rowWithTokenId("tokens-body", made.json().path("id").asText());
        String label = row.findElement(By.cssSelector("td.token-label")).getText();
        assertTrue(label.startsWith("Provisioned by IT") && label.contains("created by admin"), label);
    }

    private static void logIn(String user, String password) {
        browser.driver.get(origin + "/login.jsp?os_destination=" + URLEncoder.encode(PROFILE, StandardCharsets.UTF_8));
        browser.type("login-username", user);
        browser.type("login-password", password);
        browser.click("login-submit");
        browser.waiting().until(ExpectedConditions.urlToBe(origin + PROFILE));
    }
}
