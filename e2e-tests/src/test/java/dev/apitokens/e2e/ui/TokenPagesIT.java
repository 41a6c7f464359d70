package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.Distribution;

/**
 * The profile page's "API tokens" block and the admin page in headless Chromium, against the Jira distribution
 * started from its jar: every click goes through the real pages, REST API, core and database.
 */
class TokenPagesIT {

    private static final String PROFILE = "/secure/ViewProfile.jspa";
    private static final String ADMIN = "/secure/admin/ApiTokens.jspa";
    private static final String ALICE_PASSWORD = "alice-e2e-password";
    private static final String BOB_PASSWORD = "bob-e2e-password";
    /** Small, so that the admin test sees more than one page. */
    private static final int ADMIN_PAGE_SIZE = 5;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final PagesInChromium PAGES = new PagesInChromium(Distribution.of("jira")
            // uses are written behind; a short flush lets the page show the count within a second
            .config("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1"))
            .config("dev.apitokens.ui", Map.of("adminPageSize", String.valueOf(ADMIN_PAGE_SIZE))));

    private static Distribution jira;
    private static TokenScripts scripts;
    private static HeadlessChromium browser;
    private static String origin;

    @BeforeAll
    static void users() throws Exception {
        jira = PAGES.distribution();
        jira.addUser("alice", ALICE_PASSWORD, false);
        jira.addUser("bob", BOB_PASSWORD, false);
        scripts = new TokenScripts(jira);
        origin = PAGES.origin();
        browser = PAGES.browser();
    }

    @Test
    void anonymousVisitorsLogInAndLandOnThePageTheyAskedFor() throws Exception {
        open(PROFILE);
        browser.waiting().until(ExpectedConditions.urlContains("/login.jsp?os_destination=%2Fsecure%2FViewProfile.jspa"));
        browser.type("login-username", "alice");
        browser.type("login-password", "not-her-password");
        browser.click("login-submit");
        browser.waitForText("login-error", "incorrect");
        assertEquals("login-password", browser.focusedId(), "focus goes back to the password");

        browser.type("login-password", ALICE_PASSWORD);
        browser.click("login-submit");
        browser.waiting().until(ExpectedConditions.urlToBe(origin + PROFILE));
        assertEquals("alice", browser.visible("profile-username").getText());
        assertTrue(browser.driver.findElement(By.id("api-tokens")).getText().contains("API tokens"));

        browser.click("logout");
        browser.waiting().until(ExpectedConditions.urlContains("/login.jsp"));
        open(PROFILE);
        browser.waiting().until(ExpectedConditions.urlContains("/login.jsp?os_destination="));
    }

    @Test
    void aUserCreatesCopiesUsesAndRevokesAToken() throws Exception {
        String alice = Distribution.basic("alice", ALICE_PASSWORD);
        scripts.create(alice, "Nightly backup", null);
        scripts.create(alice, "Release bot", Instant.now().plus(Duration.ofDays(2)));
        Instant shortLived = Instant.now().plusSeconds(2);
        scripts.create(alice, "Short-lived test", shortLived);
        logIn("alice", ALICE_PASSWORD, PROFILE);
        browser.rowWithLabel("tokens-body", "Nightly backup");
        WebElement releaseBot = browser.rowWithLabel("tokens-body", "Release bot");
        assertTrue(releaseBot.getText().toLowerCase().contains("expires soon"), releaseBot.getText());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), shortLived).toMillis() + 200));
        browser.driver.navigate().refresh();
        WebElement expired = browser.rowWithLabel("tokens-body", "Short-lived test");
        assertTrue(expired.findElement(By.cssSelector("td.expiry")).getText().toLowerCase().contains("expired"),
                expired.getText());

        browser.click("create-token");
        assertEquals("token-label", browser.focusedId(), "focus moves into the dialog");
        browser.type("token-label", "Deploy script");
        browser.click("generate-token");
        WebElement secretField = browser.visible("created-secret");
        String secret = secretField.getDomProperty("value");
        assertFalse(secret.isBlank());
        assertTrue(browser.driver.findElement(By.id("created-warning")).getText().contains("You will not see it again"));
        browser.click("copy-secret");
        browser.waitForText("copy-status", "Copied");
        String copied = browser.clipboard();
        assertEquals(secret, copied, "Copy puts the secret on the clipboard");
        Screenshots.save(browser, "create-token-dialog.png");

        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waiting().until(driver -> browser.dialogClosed("create-dialog"));
        assertEquals("", secretField.getDomProperty("value"), "the secret leaves the page with the dialog");
        assertEquals("create-token", browser.focusedId(), "focus returns to the button that opened the dialog");

        HttpResponse<String> myself = scripts.myself("alice", copied);
        assertEquals(200, myself.statusCode(), myself.body());
        assertEquals("alice", TokenScripts.parse(myself.body()).path("name").asText());

        // the use shows in the list once written behind (flushed every second here)
        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(driver -> {
            driver.navigate().refresh();
            WebElement row = browser.rowWithLabel("tokens-body", "Deploy script");
            return row.findElement(By.cssSelector("td.number")).getText().equals("1");
        });
        WebElement used = browser.rowWithLabel("tokens-body", "Deploy script");
        assertFalse(used.findElement(By.cssSelector("td.last-accessed")).getText().contains("Never"),
                "last accessed is set");
        Screenshots.save(browser, "profile-tokens.png");

        used.findElement(By.cssSelector("button.revoke")).click();
        browser.visible("confirm-dialog");
        assertTrue(browser.driver.findElement(By.id("confirm-message")).getText().contains("Deploy script"));
        assertEquals("confirm-cancel", browser.focusedId(), "a destructive dialog focuses Cancel");
        browser.click("confirm-ok");
        browser.waiting().until(driver -> browser.dialogClosed("confirm-dialog"));
        browser.waitForText("tokens-status", "revoked");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath(HeadlessChromium.rowXpath("tokens-body", "Deploy script"))));
        assertEquals(401, scripts.myself("alice", copied).statusCode(), "a revoked token is refused at once");
    }

    @Test
    void labelErrorsAndAnUnreachableServerAreShownInsideTheDialog() throws Exception {
        String alice = Distribution.basic("alice", ALICE_PASSWORD);
        int before = scripts.own(alice).size();
        logIn("alice", ALICE_PASSWORD, PROFILE);
        browser.click("create-token");
        browser.click("generate-token");
        browser.waitForText("create-error", "abel");
        String error = browser.driver.findElement(By.id("create-error")).getText();
        assertTrue(error.toLowerCase().contains("empty"), error);
        assertEquals("true", browser.driver.findElement(By.id("token-label")).getDomAttribute("aria-invalid"));
        assertEquals("token-label", browser.focusedId());
        assertFalse(browser.dialogClosed("create-dialog"), "the dialog stays open to fix the label");

        browser.type("token-label", "x".repeat(300));
        browser.click("generate-token");
        browser.waitForText("create-error", "255");

        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.driver.setNetworkConditions(offline);
        try {
            browser.type("token-label", "While the server is unreachable");
            browser.click("generate-token");
            browser.waitForText("create-error", "could not be reached");
        } finally {
            browser.driver.deleteNetworkConditions();
        }

        // HTML where JSON was expected (a login page an ended session was redirected to, a proxy's error page):
        // an error in the dialog, never a "created" token without a secret
        browser.driver.executeScript("window.fetch = async () => new Response("
                + "'<html><body>Log in</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });");
        browser.type("token-label", "Behind a confused proxy");
        browser.click("generate-token");
        browser.waitForText("create-error", "does not understand");
        assertFalse(browser.driver.findElement(By.id("created-secret")).isDisplayed());
        browser.driver.executeScript("window.fetch = async () => new Response('<h1>Bad gateway</h1>', { status: 502 });");
        browser.click("generate-token");
        browser.waitForText("create-error", "unavailable");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waiting().until(driver -> browser.dialogClosed("create-dialog"));
        assertEquals(before, scripts.own(alice).size(), "no token was created");
    }

    @Test
    void anAdministratorPagesFiltersAndRevokesOtherUsersTokens() throws Exception {
        String bob = Distribution.basic("bob", BOB_PASSWORD);
        String alice = Distribution.basic("alice", ALICE_PASSWORD);
        JsonNode ci = scripts.create(bob, "Bob's CI pipeline", null);
        JsonNode backup = scripts.create(bob, "Bob's backup script", Instant.now().plus(Duration.ofDays(90)));
        scripts.create(bob, "Bob's metrics exporter", null);
        scripts.create(alice, "Alice's report generator", null);
        JsonNode chatBot = scripts.create(bob, "Bob's chat bot", null);
        scripts.create(alice, "Alice's dashboard sync", null);
        String ciSecret = ci.path("passwordValue").asText();
        assertEquals(200, scripts.myself("bob", ciSecret).statusCode());
        assertEquals(200, scripts.myself("bob", chatBot.path("passwordValue").asText()).statusCode());
        scripts.awaitUsageRecorded(bob, chatBot.path("id").asText());

        logIn("admin", jira.adminPassword(), ADMIN);
        browser.waitForText("license-status", "unlimited");
        browser.waitForText("page-info", "1–" + ADMIN_PAGE_SIZE + " of ");
        assertEquals(ADMIN_PAGE_SIZE, browser.driver.findElements(By.cssSelector("#admin-body tr")).size());
        Screenshots.save(browser, "admin-tokens.png");
        browser.click("page-next");
        browser.waitForText("page-info", (ADMIN_PAGE_SIZE + 1) + "–");
        browser.waiting().until(ExpectedConditions.urlContains("offset=" + ADMIN_PAGE_SIZE));
        browser.click("page-prev");
        browser.waitForText("page-info", "1–");

        browser.type("filter-user", "bob");
        browser.click("filter-apply");
        browser.waiting().until(ExpectedConditions.urlContains("user=bob"));
        browser.waitForText("page-info", "1–4 of 4");
        assertTrue(browser.driver.findElements(By.cssSelector("#admin-body tr")).stream()
                .allMatch(row -> "bob".equals(row.getDomAttribute("data-username"))));
        assertEquals(ci.path("id").asText(), browser.firstRowTokenId("admin-body"), "oldest first");
        new Select(browser.visible("filter-sort")).selectByValue("lastUsedDesc");
        browser.waiting().until(ExpectedConditions.urlContains("sort=lastUsedDesc"));
        browser.waiting().until(driver -> chatBot.path("id").asText().equals(browser.firstRowTokenId("admin-body")));
        browser.rowWithTokenId("admin-body", ci.path("id").asText()).findElement(By.cssSelector("button.revoke")).click();
        browser.visible("confirm-dialog");
        assertTrue(browser.driver.findElement(By.id("confirm-message")).getText().contains("Bob's CI pipeline"));
        browser.click("confirm-ok");
        browser.waiting().until(driver -> browser.dialogClosed("confirm-dialog"));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#admin-body tr[data-token-id='" + ci.path("id").asText() + "']")));
        assertEquals(401, scripts.myself("bob", ciSecret).statusCode(), "bob's revoked token is refused");

        browser.rowWithTokenId("admin-body", backup.path("id").asText());
        browser.click("revoke-user");
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.waitForText("admin-status", "3 tokens of bob revoked");
        browser.visible("admin-empty");
        assertEquals(0, scripts.own(bob).size());
        assertEquals(401, scripts.myself("bob", backup.path("passwordValue").asText()).statusCode());
        assertTrue(scripts.own(alice).size() >= 2, "alice keeps hers");
    }

    /** Labels are the user's own text: the pages insert them as text, in the lists and in the confirmation. */
    @Test
    void aLabelThatLooksLikeMarkupShowsAsTextOnBothPages() throws Exception {
        String hostile = "<img src=x onerror=alert(1)> & <b>bold</b>";
        String id = scripts.create(Distribution.basic("alice", ALICE_PASSWORD), hostile, null).path("id").asText();

        logIn("alice", ALICE_PASSWORD, PROFILE);
        WebElement own = browser.rowWithTokenId("tokens-body", id);
        assertEquals(hostile, own.findElement(By.cssSelector("td.token-label")).getText());
        own.findElement(By.cssSelector("button.revoke")).click();
        browser.visible("confirm-dialog");
        assertTrue(browser.driver.findElement(By.id("confirm-message")).getText().contains(hostile));
        browser.click("confirm-cancel");
        browser.waiting().until(driver -> browser.dialogClosed("confirm-dialog"));
        assertNoMarkupFromLabels();

        browser.driver.manage().deleteAllCookies();
        logIn("admin", jira.adminPassword(), ADMIN + "?user=alice&label=onerror");
        WebElement listed = browser.rowWithTokenId("admin-body", id);
        assertEquals(hostile, listed.findElement(By.cssSelector("td.token-label")).getText());
        assertEquals("Revoke alice's token " + hostile,
                listed.findElement(By.cssSelector("button.revoke")).getDomAttribute("aria-label"));
        assertNoMarkupFromLabels();
    }

    /** No element a label's text names exists in the page: it was not parsed as HTML anywhere. */
    private static void assertNoMarkupFromLabels() {
        assertEquals(List.of(), browser.driver.findElements(By.cssSelector("img[src='x'], main b, dialog b")));
    }

    @Test
    void theAdminPageRefusesOrdinaryUsers() throws Exception {
        logIn("alice", ALICE_PASSWORD, ADMIN);
        assertEquals("Access denied", browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.driver.findElements(By.cssSelector("a[href$='" + ADMIN + "']")).stream()
                .noneMatch(WebElement::isDisplayed), "no link to the admin page for a non-admin");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(jira.uri(ADMIN))
                .header("Authorization", Distribution.basic("alice", ALICE_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, page.statusCode());
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
