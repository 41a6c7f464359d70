package dev.apitokens.ui.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.apitokens.http.support.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML pages, kept as templates in the bundle ({@code /ui/templates/*.html}). A page's body template is
 * rendered into {@code layout.html}. {@code {{name}}} inserts a value HTML-escaped, so user data (a display name)
 * can never become markup; {@code {{{body}}}} in the layout inserts the already-rendered body as it is.
 */
final class PageTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-zA-Z]+)\\}?\\}\\}");
    private static final String LOCATION = "/ui/templates/";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** Renders the body template {@code name} inside the layout; every placeholder must have a value. */
    String page(String name, Map<String, String> values) {
        String body = render(name, values, null);
        return render("layout", values, body);
    }

    private String render(String name, Map<String, String> values, String body) {
        Matcher matcher = PLACEHOLDER.matcher(template(name));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean raw = !matcher.group(1).isEmpty();
            String key = matcher.group(2);
            String value;
            if (raw) {
                if (!"body".equals(key) || body == null) {
                    throw new IllegalStateException("template " + name + ": only the layout may insert {{{body}}}");
                }
                value = body;
            } else {
                value = values.get(key);
                if (value == null) {
                    throw new IllegalStateException("template " + name + " needs a value for " + key);
                }
                value = Html.escape(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String template(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = PageTemplates.class.getResourceAsStream(LOCATION + n + ".html")) {
                if (in == null) {
                    throw new IllegalStateException("no template " + n + " in the bundle");
                }
                return new String(in.readAllBytes(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
