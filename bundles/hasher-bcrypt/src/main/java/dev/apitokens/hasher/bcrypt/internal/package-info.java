/**
 * The bcrypt hasher ({@code bcrypt}, Bouncy Castle's bcrypt).
 *
 * <p><b>Inputs of 72 bytes or more.</b> bcrypt reads at most 72 bytes, so on its own two secrets sharing their
 * first 72 bytes would verify against each other. This hasher feeds bcrypt the secret itself only when it is at
 * most 71 bytes long (plus the NUL terminator of the {@code $2b$} convention, so the result is standard bcrypt
 * that any {@code $2b$} implementation verifies). A longer secret is first reduced to the 44 Base64 characters of
 * HMAC-SHA256(key = the hash's salt, secret), and the hash records this with the parameter
 * {@code pre=hmac-sha256}; verification does the same for such hashes and refuses secrets of 72 bytes or more
 * against hashes without it. Keying the pre-hash with the salt means a leaked unsalted SHA-256 of a secret cannot
 * be tested against the bcrypt hash ("hash shucking"). Tokens of this project are at most 64 bytes, so they take
 * the standard path.
 */
package dev.apitokens.hasher.bcrypt.internal;
