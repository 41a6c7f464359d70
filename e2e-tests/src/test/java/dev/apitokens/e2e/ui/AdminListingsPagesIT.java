package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.Distribution;
import dev.apitokens.e2e.RestClient;

/**
 * The admin page's audit section and the token listing's new filters in headless Chromium, and
 * {@code GET /admin/audit} over HTTP, against the Jira distribution started from its jar (embedded H2): the events
 * come from the real core through Event Admin into the audit bundle's table and back through its AuditTrail.
 */
class AdminListingsPagesIT {

    private static final String ADMIN = "/secure/admin/ApiTokens.jspa";
    private static final String AUDIT = "/rest/api-tokens/latest/admin/audit";
    private static final String CAROL_PASSWORD = "carol-e2e-password";
    private static final String DAVE_PASSWORD = "dave-e2e-password";

    @RegisterExtension
    static final PagesInChromium PAGES = new PagesInChromium(Distribution.of("jira")
            .config("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1")));

    private static Distribution jira;
    private static TokenScripts scripts;
    private static RestClient rest;
    private static HeadlessChromium browser;
    private static String origin;
    private static String admin;

    @BeforeAll
    static void users() throws Exception {
        jira = PAGES.distribution();
        jira.addUser("carol", CAROL_PASSWORD, false);
        jira.addUser("dave", DAVE_PASSWORD, false);
        scripts = new TokenScripts(jira);
        rest = new RestClient(jira);
        origin = PAGES.origin();
        admin = Distribution.basic("admin", jira.adminPassword());
        browser = PAGES.browser();
    }

    @Test
    void anAdministratorSeesWhoCreatedAndRevokedWhoseToken() throws Exception {
        String carol = Distribution.basic("carol", CAROL_PASSWORD);
        String dave = Distribution.basic("dave", DAVE_PASSWORD);
        String carolsId = scripts.create(carol, "Carol's deploy key", null).path("id").asText();
        String davesId = scripts.create(dave, "Dave's cron job", null).path("id").asText();
        assertEquals(204, rest.call("DELETE", "/rest/api-tokens/latest/admin/tokens/" + carolsId, admin, null).status());
        assertEquals(204, rest.call("DELETE", "/rest/api-tokens/latest/" + davesId, dave, null).status());

        logIn("admin", jira.adminPassword(), ADMIN);
        WebElement created = event("TOKEN_CREATED", carolsId);
        assertEquals("Token created", cell(created, "audit-type"));
        assertEquals("carol", cell(created, "audit-actor"));
        assertEquals("carol", cell(created, "audit-user"));
        assertEquals("Carol's deploy key", cell(created, "audit-detail"));
        WebElement revoked = event("TOKEN_REVOKED_BY_ADMIN", carolsId);
        assertEquals("Token revoked by an administrator", cell(revoked, "audit-type"));
        assertEquals("admin", cell(revoked, "audit-actor"), "the admin who revoked it");
        assertEquals("carol", cell(revoked, "audit-user"), "whose token it was");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#audit-body tr"));
        assertTrue(rows.indexOf(revoked) < rows.indexOf(created), "newest first");
        browser.driver.executeScript("document.getElementById('admin-audit').scrollIntoView()");
        Screenshots.save(browser, "admin-audit.png");

        browser.type("audit-user", "dave");
        new Select(browser.visible("audit-type")).selectByValue("TOKEN_REVOKED");
        browser.waiting().until(ExpectedConditions.urlContains("auditType=TOKEN_REVOKED"));
        browser.waitForText("audit-info", "1–1 of 1");
        WebElement davesRevocation = event("TOKEN_REVOKED", davesId);
        assertEquals("dave", cell(davesRevocation, "audit-actor"));
        assertEquals("dave", cell(davesRevocation, "audit-user"));
        assertTrue(browser.driver.getCurrentUrl().contains("auditUser=dave"), "the filter is in the address bar");

        browser.type("audit-user", "nobody-here");
        browser.click("audit-apply");
        browser.visible("audit-empty");
    }

    @Test
    void theTokenListingFiltersByUseAndByExpiry() throws Exception {
        String carol = Distribution.basic("carol", CAROL_PASSWORD);
        JsonNode used = scripts.create(carol, "Carol's busy token", null);
        JsonNode idle = scripts.create(carol, "Carol's idle token", null);
        JsonNode expiring = scripts.create(carol, "Carol's expiring token", Instant.now().plus(Duration.ofDays(3)));
        assertEquals(200, scripts.myself("carol", used.path("passwordValue").asText()).statusCode());
        scripts.awaitUsageRecorded(carol, used.path("id").asText());

        logIn("admin", jira.adminPassword(), ADMIN + "?user=carol");
        browser.rowWithTokenId("admin-body", used.path("id").asText());
        new Select(browser.visible("filter-used")).selectByValue("false");
        browser.waiting().until(ExpectedConditions.urlContains("used=false"));
        browser.waiting().until(driver -> listedIds().size() >= 2
                && !listedIds().contains(used.path("id").asText()));
        assertTrue(listedIds().containsAll(List.of(idle.path("id").asText(), expiring.path("id").asText())),
                listedIds().toString());
        assertTrue(browser.driver.findElements(By.cssSelector("#admin-body td.number")).stream()
                .allMatch(uses -> uses.getText().equals("0")), "never-used tokens only");

        // the date filters from the address bar (as a shared link): expiring within the next week, soonest first
        String today = java.time.LocalDate.now().toString();
        String nextWeek = java.time.LocalDate.now().plusDays(7).toString();
        open(ADMIN + "?user=carol&expiresFrom=" + today + "&expiresTo=" + nextWeek + "&sort=expiresAsc");
        browser.waiting().until(driver -> listedIds().equals(List.of(expiring.path("id").asText())));
        assertEquals(today, browser.visible("filter-expiresFrom").getDomProperty("value"));
        assertEquals("expiresAsc", new Select(browser.visible("filter-sort")).getFirstSelectedOption()
                .getDomAttribute("value"));
    }

    @Test
    void theAuditListingOverHttp() throws Exception {
        String dave = Distribution.basic("dave", DAVE_PASSWORD);
        Instant before = Instant.now().minusSeconds(1);
        String id = scripts.create(dave, "Dave's HTTP check", null).path("id").asText();

        RestClient.Reply page = rest.get(AUDIT + "?user=dave&type=token_created&from=" + before.toEpochMilli()
                + "&limit=10", admin);
        assertEquals(200, page.status(), page.toString());
        JsonNode events = page.json().path("events");
        assertTrue(events.size() >= 1, page.body());
        JsonNode first = events.get(0);
        assertEquals("TOKEN_CREATED", first.path("type").asText());
        assertEquals(id, first.path("tokenId").asText());
        assertEquals("dave", first.path("actor").asText());
        assertEquals("dave", first.path("user").asText());
        assertTrue(first.path("timestamp").asLong() >= before.toEpochMilli());
        assertFalse(page.body().contains("atok"), "never a secret");

        assertEquals(403, rest.get(AUDIT, dave).status());
        RestClient.Reply bad = rest.get(AUDIT + "?from=yesterday", admin);
        assertEquals(400, bad.status());
        assertEquals("from must be a time in epoch milliseconds", bad.json().path("message").asText());
        assertEquals(0, rest.get(AUDIT + "?user=nobody-here", admin).json().path("total").asInt());
    }

    private static WebElement event(String type, String tokenId) {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#audit-body tr[data-event-type='" + type + "'][data-token-id='" + tokenId + "']")));
    }

    private static String cell(WebElement row, String cssClass) {
        return row.findElement(By.cssSelector("td." + cssClass)).getText();
    }

    private static List<String> listedIds() {
        return browser.driver.findElements(By.cssSelector("#admin-body tr")).stream()
                .map(row -> row.getDomAttribute("data-token-id")).toList();
    }

    private static void logIn(String user, String password, String destination) {
        open("/login.jsp?os_destination=" + URLEncoder.encode(destination, StandardCharsets.UTF_8));
        browser.type("login-username", user);
        browser.type("login-password", password);
        browser.click("login-submit");
        browser.waiting().until(ExpectedConditions.urlToBe(origin + destination));
    }

    private static void open(String path) {
        browser.driver.get(origin + path);
    }
}
