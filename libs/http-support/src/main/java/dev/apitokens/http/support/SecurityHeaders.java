package dev.apitokens.http.support;

import jakarta.servlet.http.HttpServletResponse;

/** Response headers that keep the pages from being framed, sniffed or made to run foreign code. */
public final class SecurityHeaders {

    /**
     * Only our own scripts and styles, no inline script: a label that slipped past escaping still could not run.
     * Everything the pages load comes from the bundle, so {@code 'self'} is all they need.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
