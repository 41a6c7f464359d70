package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given explicitly so Selenium
 * never runs Selenium Manager (which would try to download a browser and a driver); each instance gets a fresh
 * profile, deleted on close.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("apitokens.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("apitokens.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final String origin;
    private final Path profile;

    /**
     * Skips the calling test when Chromium is not installed on a developer's machine; fails under CI, which must
     * install it ({@code apt-get install chromium chromium-driver}).
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /** A browser allowed to read and write the clipboard of {@code origin}, as a user who clicked Copy may. */
    HeadlessChromium(String origin) throws IOException {
        this.origin = origin;
        profile = Files.createTempDirectory("apitokens-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--window-size=1200,900",
                "--lang=en-US", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** Opens a page of the origin, e.g. {@code /secure/ViewProfile.jspa}. */
    void open(String path) {
        driver.get(origin + path);
    }

    /** Logs in through the login page and waits until it has led to {@code destination}. */
    void logIn(String user, String password, String destination) {
        open("/login.jsp?os_destination=" + URLEncoder.encode(destination, StandardCharsets.UTF_8));
        type("login-username", user);
        type("login-password", password);
        click("login-submit");
        waiting().until(ExpectedConditions.urlToBe(origin + destination));
    }

    /**
     * What the browser logged since the last call that the pages must never cause: an uncaught script error or
     * something the Content-Security-Policy refused.
     */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught") || message.contains("Content Security Policy")
                        || message.contains("Refused to"))
                .toList();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE);
    }

    WebElement visible(String id) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Waits until the element shows {@code text}, ignoring case (lozenges are upper-cased by CSS). */
    void waitForText(String id, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        waiting().withMessage(() -> "#" + id + " to show \"" + text + "\"")
                .until(driver -> driver.findElement(By.id(id)).getText().toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** Types into a field, replacing what it held. */
    void type(String id, String text) {
        WebElement field = visible(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The id of the element that has the keyboard focus. */
    String focusedId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    /** Whether the {@code <dialog>} with this id is closed. */
    boolean dialogClosed(String id) {
        return driver.findElement(By.id(id)).getDomAttribute("open") == null;
    }

    /** XPath of the row of a token table ({@code <tbody id=body>}) whose label cell is {@code label}. */
    static String rowXpath(String body, String label) {
        return "//tbody[@id='" + body + "']/tr[td[contains(@class,'token-label')][normalize-space()='" + label + "']]";
    }

    WebElement rowWithLabel(String body, String label) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(rowXpath(body, label))));
    }

    WebElement rowWithTokenId(String body, String tokenId) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + body + " tr[data-token-id='" + tokenId + "']")));
    }

    /**
     * The token id of the first row of a table body, read in one script: the page may re-render the table between
     * finding a row and reading its attribute (a stale element), or have no row yet ({@code null}).
     */
    String firstRowTokenId(String body) {
        return (String) driver.executeScript("const row = document.querySelector(arguments[0]);"
                + "return row ? row.getAttribute('data-token-id') : null;", "#" + body + " tr:first-child");
    }

    /** What the page's Copy button put on the clipboard. */
    String clipboard() {
        return (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));");
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // Chromium may still be writing its profile while it exits; a leftover temp folder is harmless
            }
        }
    }
}
