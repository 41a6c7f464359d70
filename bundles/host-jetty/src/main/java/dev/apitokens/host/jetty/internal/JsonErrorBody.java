package dev.apitokens.host.jetty.internal;

import dev.apitokens.http.support.JsonMessage;
import java.util.List;

/** The JSON error body, {@code {"message": "..."}}, and which paths get it. */
final class JsonErrorBody {

    private static final int MAX_MESSAGE = 200;

    private final List<String> prefixes;

    JsonErrorBody(String[] jsonPaths) {
        this.prefixes = jsonPaths == null ? List.of()
                : List.of(jsonPaths).stream().map(String::strip).filter(p -> !p.isEmpty())
                        .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).toList();
    }

    /** Whether an error answer for {@code path} is JSON. */
    boolean covers(String path) {
        return path != null && prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /**
     * The body for an error with this status. A server error says no more than "internal error" (its detail is for
     * the log, not for the client); a client error keeps the container's reason, made safe and short.
     */
    static byte[] of(int status, String containerMessage, String reasonPhrase) {
        String message;
        if (status >= 500) {
            message = status == 503 ? "service unavailable" : "internal error";
        } else if (containerMessage != null && !containerMessage.isBlank()) {
            message = containerMessage;
        } else {
            message = reasonPhrase == null || reasonPhrase.isBlank() ? "HTTP " + status : reasonPhrase;
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return JsonMessage.body(message);
    }
}
