package dev.apitokens.authfilter.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path of a request within its servlet context, as a token's allowed path prefixes are matched against it,
 * or nothing when the path could be read in more than one way.
 *
 * <p>A prefix must never be escaped by a path that the container maps elsewhere than it reads: so the raw request
 * URI is decoded here strictly, and refused if it holds a path parameter ({@code ;}), a backslash, an encoded
 * slash, backslash, dot, semicolon or percent sign, an empty segment ({@code //}), a {@code .} or {@code ..}
 * segment, invalid percent-encoding or UTF-8, or a control character; and the result must equal the path the
 * container itself resolved ({@code servletPath + pathInfo}). A normal client never sends any of these.
 */
final class RequestPath {

    private RequestPath() {
    }

    /** The decoded path within the context, or empty if it is ambiguous. */
    static Optional<String> of(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (raw == null || !raw.startsWith(context)) {
            return Optional.empty();
        }
        Optional<String> decoded = decode(raw.substring(context.length()));
        if (decoded.isEmpty()) {
            return decoded;
        }
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String resolved = servletPath + pathInfo;
        if (!resolved.isEmpty() && !resolved.equals(decoded.get())) {
            return Optional.empty();
        }
        return decoded;
    }

    /** The strictly decoded form of a raw path, or empty if it is ambiguous (see the class comment). */
    static Optional<String> decode(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/' || raw.indexOf(';') >= 0 || raw.indexOf('\\') >= 0
                || raw.contains("//")) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
            if (c != '%') {
                if (c > 0x7f) {
                    return Optional.empty(); // raw non-ASCII: containers differ in how they read it
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return Optional.empty();
            }
            int value = hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2));
            if (value < 0 || value < 0x20 || value == 0x7f || "/\\.;%".indexOf(value) >= 0) {
                return Optional.empty();
            }
            bytes.write(value);
            i += 2;
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    /** Whether the path is within one of the prefixes, by whole segments ({@code /rest/api} is not in {@code /rest/a}). */
    static boolean isWithin(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -0x1000 : digit;
    }

    /** For log lines: the raw URI cut short and without control characters. */
    static String loggable(HttpServletRequest request) {
        String raw = String.valueOf(request.getRequestURI());
        String cut = raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
