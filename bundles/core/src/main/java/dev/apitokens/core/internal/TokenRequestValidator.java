package dev.apitokens.core.internal;

import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.IpRange;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link TokenRequest} before any policy sees it, and returns it normalised: the label trimmed, paths
 * without a trailing slash, addresses in their normal form, duplicates dropped. Every refusal is an
 * {@link InvalidTokenRequestException} whose message the user can act on.
 */
final class TokenRequestValidator {

    /** Enough for any sensible restriction list, small enough that a stored list fits every database's column. */
    static final int MAX_ENTRIES = 50;
    static final int MAX_PATH_LENGTH = 255;

    /**
     * Letters, digits and the path characters of RFC 3986 that carry no special meaning to a servlet container:
     * no {@code %} (encoding tricks), {@code ;} (path parameters), {@code \}, blanks or controls.
     */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9\\-._~!$&'()*+,=:@]+)+/?|/");

    TokenRequest validate(TokenRequest request, Instant now) {
        String label = request.label() == null ? "" : request.label().strip();
        if (label.isEmpty()) {
            throw new InvalidTokenRequestException("Enter a label for the token.");
        }
        if (label.length() > TokenService.MAX_LABEL_LENGTH) {
            throw new InvalidTokenRequestException("The label is too long: at most " + TokenService.MAX_LABEL_LENGTH
                    + " characters.");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new InvalidTokenRequestException("The expiry date must be in the future.");
        }
        return new TokenRequest(label, request.expiresAt(), request.scopes(), paths(request.allowedPaths()),
                addresses(request.allowedIps()));
    }

    /** A label for a rename: the same rules as at creation. */
    String label(String label) {
        return validate(TokenRequest.of(label, null), Instant.MIN).label();
    }

    private static List<String> paths(List<String> paths) {
        checkCount(paths, "allowed paths");
        Set<String> normalised = new LinkedHashSet<>();
        for (String path : paths) {
            String value = path == null ? "" : path.strip();
            if (value.length() > MAX_PATH_LENGTH) {
                throw new InvalidTokenRequestException("An allowed path is too long: at most " + MAX_PATH_LENGTH
                        + " characters.");
            }
            if (!value.startsWith("/")) {
                throw new InvalidTokenRequestException("An allowed path must start with '/': " + shown(value));
            }
            if (!PATH.matcher(value).matches() || value.contains("//") || hasDotSegment(value)) {
                throw new InvalidTokenRequestException("An allowed path may contain only letters, digits and "
                        + "- . _ ~ ! $ & ' ( ) * + , = : @ between single slashes, without '.' or '..' segments: "
                        + shown(value));
            }
            normalised.add(value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        }
        return new ArrayList<>(normalised);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> addresses(List<String> addresses) {
        checkCount(addresses, "allowed IP addresses");
        Set<String> normalised = new LinkedHashSet<>();
        for (String address : addresses) {
            String value = address == null ? "" : address.strip();
            IpRange range = IpRange.parse(value).orElseThrow(() -> new InvalidTokenRequestException(
                    "An allowed IP must be an IPv4 or IPv6 address or a CIDR range such as 10.0.0.0/8: "
                            + shown(value)));
            normalised.add(range.toString());
        }
        return new ArrayList<>(normalised);
    }

    private static void checkCount(List<String> values, String what) {
        if (values.size() > MAX_ENTRIES) {
            throw new InvalidTokenRequestException("Too many " + what + ": at most " + MAX_ENTRIES + ".");
        }
    }

    /** The offending value as a message may quote it: short, without control characters. */
    private static String shown(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
