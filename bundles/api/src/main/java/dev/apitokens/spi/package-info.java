/**
 * The plug-in SPI of api-tokens: the services an integrator replaces by installing a bundle, never by editing code.
 *
 * <ul>
 * <li>{@link dev.apitokens.spi.Hasher} (with {@link dev.apitokens.spi.PhcString}, the stored hash format): the hash
 * algorithm. Four ship (PBKDF2, Argon2id, bcrypt, SHA-256); the one with the highest ranking hashes new tokens, and
 * every installed one verifies the hashes it recognises.</li>
 * <li>{@link dev.apitokens.spi.LicenseGate}: whether tokens may be used for logging in now.</li>
 * <li>{@link dev.apitokens.spi.TokenStore}: where token records and usage counters live (Active Objects tables in
 * Jira and Confluence, with {@link dev.apitokens.spi.StoredToken}, {@link dev.apitokens.spi.NewToken} and
 * {@link dev.apitokens.spi.TokenUsage} as its records).</li>
 * <li>{@link dev.apitokens.spi.RevocationFeed} (with {@link dev.apitokens.spi.Revocation}): how revocations reach
 * every node of a cluster within a second (since 1.1.0).</li>
 * <li>Since 1.2.0 the {@code TokenStore} also answers the paged scans of scheduled work (expiring, unused tokens,
 * the owners' user keys).</li>
 * </ul>
 *
 * <p>Since 1.2.0 {@link dev.apitokens.spi.NewToken} and {@link dev.apitokens.spi.StoredToken} carry a token's scope,
 * restrictions, creator and last client addresses.
 *
 * <p>Since 1.3.0 a rotation may give the token a new expiry, and the store forgets rotated-away records whose
 * family's live token is gone or expired ({@link dev.apitokens.spi.TokenStore#deleteStaleRotated}).
 *
 * <p>The core bundle consumes these services and provides {@code dev.apitokens.api.TokenService} on top of them.
 */
@Export
@Version("1.3.0")
package dev.apitokens.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
