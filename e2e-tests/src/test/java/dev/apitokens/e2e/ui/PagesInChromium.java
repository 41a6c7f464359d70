package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.apitokens.e2e.Distribution;

/**
 * A started distribution and a headless Chromium on it, for one test class ({@code @RegisterExtension static}):
 * skips the class where Chromium is missing (fails under CI), starts both before the class's own {@code @BeforeAll}
 * methods, logs the browser out before each test, fails a test whose pages had script errors or anything the
 * Content-Security-Policy blocked, and stops both after the class.
 */
final class PagesInChromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Distribution distribution;
    private HeadlessChromium browser;

    /** @param distribution configured, not started yet */
    PagesInChromium(Distribution distribution) {
        this.distribution = distribution;
    }

    Distribution distribution() {
        return distribution;
    }

    HeadlessChromium browser() {
        return browser;
    }

    /** The distribution's address without a trailing slash, e.g. {@code http://127.0.0.1:40123}. */
    String origin() {
        return distribution.uri("").toString();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        HeadlessChromium.assumeInstalled();
        distribution.start();
        browser = new HeadlessChromium(origin());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser.driver.manage().deleteAllCookies();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals(List.of(), browser.scriptErrors(), "script errors or blocked content on the pages");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            distribution.close();
        }
    }
}
