package dev.apitokens.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PageTemplatesTest {

    private final PageTemplates templates = new PageTemplates();

    /** Every value any template asks for, as the servlet supplies them. */
    static Map<String, String> allValues() {
        Map<String, String> values = new HashMap<>();
        for (String key : new String[] { "contextPath", "restBase", "sessionResource", "exampleResource", "loginPath",
                "profilePath", "adminPath", "title", "username", "displayName", "initials", "userNavHidden",
                "adminNavHidden", "expiresSoonDays", "adminPageSize", "message" }) {
            values.put(key, "v-" + key);
        }
        return values;
    }

    @Test
    void everyPageRendersInsideTheLayout() {
        for (String page : new String[] { "profile", "admin", "message" }) {
            String html = templates.page(page, allValues());
            assertTrue(html.startsWith("<!DOCTYPE html>"), page);
            assertTrue(html.contains("<main id=\"main\""), page);
            assertFalse(html.contains("{{"), page + " left a placeholder unfilled");
        }
        String profile = templates.page("profile", allValues());
        assertTrue(profile.contains("id=\"create-token\""));
        assertTrue(profile.contains("You will not see it again"));
    }

    @Test
    void valuesAreEscapedSoUserDataCannotBecomeMarkup() {
        Map<String, String> values = allValues();
        values.put("displayName", "<script>alert('x')</script> & \"friends\"");
        String html = templates.page("profile", values);
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"));
    }

    @Test
    void aMissingValueIsAProgrammingErrorNotAnEmptyString() {
        Map<String, String> values = allValues();
        values.remove("username");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> templates.page("profile", values));
        assertTrue(e.getMessage().contains("username"), e.getMessage());
    }

    @Test
    void initialsForTheAvatar() {
        assertEquals("AL", PageServlet.initials("Ada  Lovelace King"));
        assertEquals("A", PageServlet.initials("admin"));
        assertEquals("?", PageServlet.initials("   "));
    }
}
