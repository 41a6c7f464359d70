package dev.apitokens.host.spi;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the host establishes and reports who a request runs as. Implemented by the host adapter.
 *
 * <p>The authentication filter calls {@link #proceedAs} after a token was accepted and continues the filter chain
 * with the request it returns; from then on {@link #currentUser} reports that user with
 * {@link RequestUser.Method#TOKEN}. Requests the filter passed on untouched are authenticated by the host in its
 * own way (password, session cookie) and reported with the matching method.
 */
@ConsumerType
public interface HostLogin {

    /**
     * Lets the rest of the request run as {@code user}, authenticated by the token {@code tokenId}.
     *
     * @return the request to continue the filter chain with (often a wrapper whose {@code getRemoteUser()} is
     *         the user's name)
     */
    HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request);

    /** Who the request runs as and how they were authenticated; empty for an anonymous request. */
    Optional<RequestUser> currentUser(HttpServletRequest request);
}
