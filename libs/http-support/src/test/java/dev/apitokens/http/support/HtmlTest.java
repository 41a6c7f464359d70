package dev.apitokens.http.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeHandlesEveryHtmlSpecialCharacter() {
        assertEquals("a&amp;b&lt;c&gt;d&quot;e&#39;f", Html.escape("a&b<c>d\"e'f"));
        assertEquals("plain text stays", Html.escape("plain text stays"));
    }
}
