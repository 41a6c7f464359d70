package dev.apitokens.host.standalone.users.internal;

/** Where the login page sends a user after a successful login: back to the page they were going to, on this site. */
final class LoginDestination {

    /** Jira's name for the parameter, so bookmarked Jira login links keep working. */
    static final String PARAMETER = "os_destination";

    private static final int MAX_LENGTH = 2048;

    private LoginDestination() {
    }

    /**
     * {@code requested} if it is a path on this server (below the context path), else {@code fallback}. Absolute
     * and protocol-relative URLs are refused so that a crafted login link cannot send a user to another site
     * after they typed their password.
     */
    static String safe(String requested, String fallback) {
        if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH
                || requested.charAt(0) != '/' || requested.startsWith("//")) {
            return fallback;
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            // browsers read a backslash as a slash ("/\evil.example") and drop control characters
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return fallback;
            }
        }
        return requested;
    }
}
