package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.e2e.Distribution;
import dev.apitokens.e2e.RestClient;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The token policy in headless Chromium against the Jira distribution: the admin page shows the rules in force and
 * marks a token made before they changed; a user outside the creator groups is told so on the profile page.
 */
class PolicyPagesIT {

    private static final String ADMIN_PAGE = "/secure/admin/ApiTokens.jspa";
    private static final String PROFILE = "/secure/ViewProfile.jspa";
    private static final String PID = "dev.apitokens.policy";

    @RegisterExtension
    static final PagesInChromium PAGES = new PagesInChromium(Distribution.of("jira"));

    private static Distribution jira;
    private static RestClient rest;
    private static HeadlessChromium browser;

    @BeforeAll
    static void users() throws Exception {
        jira = PAGES.distribution();
        jira.addUser("carol", "carol-password", "carol@example.com");
        jira.addUser("dave", "dave-password", "dave@example.com", "developers");
        rest = new RestClient(jira);
        browser = PAGES.browser();
    }

    @Test
    void theAdminPageShowsThePolicyAndTheProfileFollowsIt() throws Exception {
        String admin = Distribution.basic("admin", jira.adminPassword());
        String legacyId = rest.call("POST", "/rest/api-tokens/latest/", admin, "{\"label\": \"legacy forever\"}")
                .json().get("id").asText();
        jira.reconfigure(PID, Map.of("requireExpiry", "B\"true\"", "maxLifetimeDays", "I\"30\"",
                "creatorGroups", "[\"developers\"]", "userScopes", "[\"read\"]"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rest.get("/rest/api-tokens/latest/policy", admin).json().get("maxLifetimeDays").asInt() != 30) {
            assertTrue(System.nanoTime() < deadline, "the policy change was not applied within 20 s");
            Thread.sleep(200);
        }

        browser.logIn("admin", jira.adminPassword(), ADMIN_PAGE);
        browser.waitForText("policy-rules", "Maximum lifetime:");
        String rules = browser.visible("policy-rules").getText();
        assertTrue(rules.contains("Expiry:\nrequired") || rules.contains("Expiry: required"), rules);
        assertTrue(rules.contains("30 days"), rules);
        assertTrue(rules.contains("administrators and members of developers"), rules);

        WebElement row = browser.rowWithTokenId("admin-body", legacyId);
        WebElement mark = row.findElement(By.cssSelector(".breaks-policy"));
        assertEquals("never expires; the policy requires an expiry", mark.getDomAttribute("title"));
        assertTrue(mark.getText().toLowerCase().contains("breaks policy"), mark.getText());
        Screenshots.save(browser, "admin-policy.png");

        browser.driver.manage().deleteAllCookies();
        browser.logIn("carol", "carol-password", PROFILE);
        browser.waitForText("create-not-allowed", "Only members of developers may create API tokens.");
        assertFalse(browser.driver.findElement(By.id("create-token")).isDisplayed(), "no create button for carol");

        browser.driver.manage().deleteAllCookies();
        browser.logIn("dave", "dave-password", PROFILE);
        browser.click("create-token");
        browser.waitForText("token-expiry-hint", "At most 30 days from today.");
        assertTrue(browser.visible("token-expiry").getDomProperty("required").equals("true"));
        assertFalse(browser.driver.findElement(By.id("token-scope-write")).isEnabled(), "users may only choose read");
        assertTrue(browser.driver.findElement(By.id("token-scope-read")).isSelected());
        assertFalse(browser.driver.findElement(By.id("create-not-allowed")).isDisplayed());
    }
}
