/**
 * The contract between the api-tokens bundles.
 *
 * <p>Who implements what:
 * <ul>
 * <li>{@link dev.apitokens.api.TokenService} and {@link dev.apitokens.api.TokenStore} are provided by this
 * project ({@code @ProviderType}); host adapters and the REST layer call them.</li>
 * <li>{@link dev.apitokens.api.Hasher}, {@link dev.apitokens.api.LicenseGate},
 * {@link dev.apitokens.api.HostUsers} and {@link dev.apitokens.api.HostLogin} are plug-in points
 * ({@code @ConsumerType}): an integrator replaces the hash algorithm, the license strategy or the host by
 * installing a bundle that registers one of these services, never by editing code.</li>
 * </ul>
 *
 * <p>Vocabulary used throughout: a <em>user key</em> is the host's stable, never-renamed identifier of a user;
 * a <em>username</em> is what the user types to log in. A <em>token id</em> (or public id) is the random,
 * non-secret part embedded in every token; logs and the REST API name a token by it. The <em>secret</em> is the
 * whole token string as the user received it; only its salted hash is ever stored.
 */
@Export
@Version("1.0.0")
package dev.apitokens.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
