package dev.apitokens.host.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the host delivers notices to users: the standalone host sends e-mail over SMTP; a Jira or Confluence adapter
 * can hand them to the product's own mail queue. Optional: without this service no notices are sent (and the
 * token system says so in its log).
 *
 * <p>The token system decides what to send and to whom, and makes sure each notice is sent once in a cluster; the
 * host only delivers. It never receives a secret.
 *
 * @since 1.1.0
 */
@ConsumerType
public interface HostNotices {

    /**
     * Sends a notice to a user at their {@linkplain HostUser#email() e-mail address}, and blind copies to
     * {@code copies} (administrators' addresses; the user does not see them). May return before the mail is
     * delivered (a queue).
     *
     * @param recipient the user; must have an e-mail address
     * @param copies further addresses, possibly empty
     * @throws IllegalArgumentException if the user has no e-mail address or an address is malformed
     * @throws IllegalStateException if the notice could not be handed over now (mail server unreachable, refused):
     *         the caller may try again later
     */
    void send(HostUser recipient, List<String> copies, Notice notice);
}
