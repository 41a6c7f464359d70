package dev.apitokens.http.support;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/** The request's {@code Authorization} headers, for the one rule everyone applies: credentials come in one header. */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /**
     * All {@code Authorization} headers of the request, in order. More than one is ambiguous (a filter may check
     * the first while the application reads another); whoever would act on credentials refuses that with 400.
     */
    public static List<String> all(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        return headers == null ? List.of() : Collections.list(headers);
    }
}
