package com.atlassian.sal.api.auth;

import com.atlassian.sal.api.message.Message;
import java.security.Principal;

/**
 * Declaration of SAL's authenticator, only for its nested {@link Result} and {@link Result.Success}: the result the
 * token filter hands to {@link AuthenticationListener#authenticationSuccess}.
 *
 * <p>Declared from: https://docs.atlassian.com/sal-parent/3.0.0/apidocs/com/atlassian/sal/api/auth/Authenticator.Result.html
 * and https://docs.atlassian.com/sal-parent/3.0.0/apidocs/com/atlassian/sal/api/auth/Authenticator.Result.Success.html.
 * Compile-only: never packaged into a plugin jar.
 */
public interface Authenticator {

    /** The outcome of an authentication attempt: {@code getMessage()}, {@code getPrincipal()}. */
    class Result {

        private final Message message;
        private final Principal principal;

        Result(Message message, Principal principal) {
            this.message = message;
            this.principal = principal;
        }

        public String getMessage() {
            return message == null ? null : message.getKey();
        }

        public Principal getPrincipal() {
            return principal;
        }

        /** {@code Authenticator.Result.Success(Message message, Principal principal)}. */
        public static final class Success extends Result {

            public Success(Message message, Principal principal) {
                super(message, principal);
            }
        }
    }
}
