package dev.apitokens.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do. A token has {@link #READ} or {@link #WRITE}; a token made without a scope (every token made
 * before scopes existed, and the original product's create request {@code {"label": "..."}}) has {@link #WRITE}.
 *
 * <p>The REST API names scopes by their {@link #jsonName() JSON names} {@code read} and {@code write}.
 *
 * @since 1.2.0
 */
public enum TokenScope {

    /** Only requests that change nothing: {@code GET}, {@code HEAD} and {@code OPTIONS}. */
    READ("read"),
    /** Every request the owner could make. */
    WRITE("write");

    private final String jsonName;

    TokenScope(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The scope's name in JSON and in the store: {@code read} or {@code write}. */
    public String jsonName() {
        return jsonName;
    }

    /** The scope with this JSON name (ignoring case and surrounding blanks), or empty. */
    public static Optional<TokenScope> ofJsonName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (TokenScope scope : values()) {
            if (scope.jsonName.equals(wanted)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /**
     * The one scope a set of requested scopes amounts to: {@link #WRITE} if it holds {@code WRITE} or nothing
     * (the default), else {@link #READ}.
     */
    public static TokenScope of(Collection<TokenScope> scopes) {
        return scopes == null || scopes.isEmpty() || scopes.contains(WRITE) ? WRITE : READ;
    }

    /** Whether a request with this HTTP method is within the scope. */
    public boolean allowsMethod(String method) {
        return this == WRITE || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
