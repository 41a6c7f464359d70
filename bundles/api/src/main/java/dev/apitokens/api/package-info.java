/**
 * The client API of api-tokens: what a caller of the token system uses.
 *
 * <p>{@link dev.apitokens.api.TokenService} is the one service here. The REST resource, the authentication filter,
 * the profile page and a host adapter call it to create, list, revoke and check tokens; this project provides it
 * ({@code @ProviderType}), so a caller never implements anything in this package.
 *
 * <p>{@link dev.apitokens.api.AuditEvents} (since 1.1.0) names the OSGi Event Admin topics and properties of the
 * audit trail that the token service posts; {@link dev.apitokens.api.AuditTrail} (since 1.2.0) reads the stored
 * trail back, provided by the audit bundle. {@link dev.apitokens.api.TokenQuery} has date-range, used and expired
 * filters and the expiry orders since 1.2.0.
 *
 * <p>Since 1.2.0 a token has a {@link dev.apitokens.api.TokenScope scope} and optional path and address
 * restrictions, asked for with a {@link dev.apitokens.api.TokenRequest}; {@link dev.apitokens.api.TokenInfo} shows
 * them with who created the token and the {@link dev.apitokens.api.UsedAddress addresses} it was last used from.
 *
 * <p>The two other packages of this bundle are the plug-in points: {@code dev.apitokens.spi} (what an integrator
 * implements to swap the hash algorithm, the license strategy or the store) and {@code dev.apitokens.host.spi}
 * (what a host - Jira, Confluence, the standalone host - implements to tell who its users are and who is signed in).
 *
 * <p>Vocabulary used throughout: a <em>user key</em> is the host's stable, never-renamed identifier of a user;
 * a <em>username</em> is what the user types to log in. A <em>token id</em> (or public id) is the random,
 * non-secret part embedded in every token; logs and the REST API name a token by it. The <em>secret</em> is the
 * whole token string as the user received it; only its salted hash is ever stored.
 */
@Export
@Version("1.3.0")
package dev.apitokens.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
