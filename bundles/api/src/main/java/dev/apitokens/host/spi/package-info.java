/**
 * The host SPI of api-tokens: what the product that embeds the token system (Jira, Confluence, the standalone host)
 * implements, so the token bundles never depend on a host's own classes.
 *
 * <ul>
 * <li>{@link dev.apitokens.host.spi.HostUsers}: looks users up by username or user key and says who is an
 * administrator.</li>
 * <li>{@link dev.apitokens.host.spi.HostLogin}: who is signed in on a request by the host's own means (session
 * cookie), and how to send a browser to the host's login page.</li>
 * <li>{@link dev.apitokens.host.spi.RequestUser}: the request attribute under which the authentication filter hands
 * the token's user to the host, so the rest of the request runs as that user.</li>
 * <li>{@link dev.apitokens.host.spi.HostNotices} (with {@link dev.apitokens.host.spi.Notice}): delivers notices
 * about a user's tokens, by e-mail or the host's mail queue (since 1.1.0).</li>
 * </ul>
 */
@Export
@Version("1.1.0")
package dev.apitokens.host.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
