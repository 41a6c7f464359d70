package dev.apitokens.http.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** The error body of every api-tokens answer, {@code {"message": "..."}}, written without a JSON library. */
public final class JsonMessage {

    private JsonMessage() {
    }

    /** The UTF-8 bytes of {@code {"message": message}}. */
    public static byte[] body(String message) {
        return ("{\"message\":\"" + escape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Answers {@code status} with the message as JSON, {@code Cache-Control: no-store} (an error about one
     * user's credentials must never be served to another from a cache) and a Content-Length.
     */
    public static void send(HttpServletResponse response, int status, String message) throws IOException {
        sendJson(response, status, body(message));
    }

    /** Answers {@code status} with a JSON body already encoded as UTF-8, the same way as {@link #send}. */
    public static void sendJson(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A JSON string's content: quotes, backslashes, control characters and the JavaScript line separators escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
