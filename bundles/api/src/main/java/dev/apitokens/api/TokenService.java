package dev.apitokens.api;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.LicenseGate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The token lifecycle: create, list, revoke and authenticate personal API tokens.
 *
 * <p>This service trusts its caller: it does not check who is asking. The REST layer decides whether the current
 * user may act on a user key (own tokens) or on everybody's ({@code listAll}, {@code revokeAny}: admins only).
 *
 * <p>Management calls work whatever the {@link LicenseGate} says; only {@link #authenticate} is refused without
 * a valid license.
 *
 * <p>Every method may throw {@link TokenStoreUnavailableException} when the database cannot be reached; nothing
 * is then partially written.
 */
@ProviderType
public interface TokenService {

    /**
     * Longest label accepted by {@link #create}, after trimming, in Java {@code char}s (UTF-16 code units, so a
     * character outside the Basic Multilingual Plane, such as most emoji, counts twice): every supported database
     * stores that many in the label column.
     */
    int MAX_LABEL_LENGTH = 255;

    /**
     * Creates a token for a user with write scope and no restrictions, made by the owner: {@code
     * create(userKey, TokenRequest.of(label, expiresAt), userKey)}.
     *
     * @param userKey the owner's user key
     * @param label what the token is for; trimmed, then 1 to {@link #MAX_LABEL_LENGTH} characters
     * @param expiresAt when the token stops working, or {@code null} for never; must be in the future
     * @return the new token with its secret, which is returned here once and can never be read again
     * @throws InvalidTokenRequestException if the label or expiry is not acceptable; its message is fit for the
     *         end user
     */
    default CreatedToken create(String userKey, String label, Instant expiresAt) {
        return create(userKey, TokenRequest.of(label, expiresAt), userKey);
    }

    /**
     * Creates a token as requested.
     *
     * <p>The request is checked: the label is trimmed, then 1 to {@link #MAX_LABEL_LENGTH} characters; the expiry
     * (if any) is in the future; each allowed path starts with {@code /} and contains no {@code ..}, {@code ;},
     * {@code %}, {@code \}, {@code //} or control character; each allowed IP is an address or CIDR range
     * ({@link IpRange}); then the administrators' policy (which may give a default expiry or refuse the request).
     * Duplicate paths and addresses are dropped.
     *
     * @param ownerKey the owner's user key
     * @param request what to create
     * @param createdByKey the user key of who asks (the owner, or an admin creating a token for someone else)
     * @return the new token with its secret, which is returned here once and can never be read again
     * @throws InvalidTokenRequestException if the request is not acceptable; its message is fit for the end user
     * @since 1.2.0
     */
    CreatedToken create(String ownerKey, TokenRequest request, String createdByKey);

    /** The user's own tokens, oldest first. Never {@code null}. */
    List<TokenInfo> list(String userKey);

    /**
     * One token by its public id, whoever owns it (the caller checks the owner), e.g. the token a request was
     * authenticated with; empty if there is none.
     *
     * @since 1.2.0
     */
    Optional<TokenInfo> find(String tokenId);

    /**
     * Rotates one of the user's tokens: a new secret (and public id) for the same token, with the same label,
     * scope, restrictions, creator and expiry (the remaining lifetime); the old secret stops working at once on
     * this node and through the revocation feed on the others. The old secret is remembered: presented again, it
     * is taken as leaked and the new token is revoked too (logged as a warning, audited as
     * {@link AuditEvents#TOKEN_LEAK_DETECTED}).
     *
     * @return the token with its new secret, shown once; empty if no token has that id or it belongs to another
     *         user
     * @throws InvalidTokenRequestException if the token has expired (it has no lifetime left to hand on)
     * @since 1.2.0
     */
    Optional<CreatedToken> rotate(String userKey, String tokenId);

    /**
     * Renames one of the user's tokens; the label is checked as at creation.
     *
     * @return {@code false} if no token has that id or it belongs to another user
     * @throws InvalidTokenRequestException if the label is empty or too long
     * @since 1.2.0
     */
    boolean rename(String userKey, String tokenId, String label);

    /**
     * Revokes (deletes) one of the user's tokens.
     *
     * @return {@code false} if no token has that id, or it belongs to another user (the two cases are not told
     *         apart, so ids of other users' tokens cannot be probed)
     */
    boolean revoke(String userKey, String tokenId);

    /** Revokes all of the user's tokens and returns how many there were. */
    int revokeAll(String userKey);

    /** Admin view: every user's tokens, one page at a time, filtered and sorted by the query. */
    Page<TokenInfo> listAll(TokenQuery query);

    /** Admin action: revokes a token whoever owns it; {@code false} if there is no such token. */
    boolean revokeAny(String tokenId);

    /**
     * Admin action: as {@link #revokeAny(String)}, and the audit trail names {@code adminKey} as who did it. The
     * default forgets the admin; the project's implementation overrides it.
     *
     * @since 1.2.0
     */
    default boolean revokeAny(String tokenId, String adminKey) {
        return revokeAny(tokenId);
    }

    /**
     * As {@link #revokeAll(String)}, done by {@code actorKey} (the owner, or an admin revoking somebody's tokens),
     * whom the audit trail names. The default forgets who it was; the project's implementation overrides it.
     *
     * @since 1.2.0
     */
    default int revokeAll(String userKey, String actorKey) {
        return revokeAll(userKey);
    }

    /**
     * System action for scheduled housekeeping: deletes a token whoever owns it (expired long ago, unused, owner
     * gone or deactivated), as {@link #revokeAny} does (every node stops accepting it), and posts
     * {@link AuditEvents#TOKEN_PRUNED} with {@code reason} as its detail and no actor. At most once an hour it
     * also forgets the records of rotated-away secrets whose token is gone or expired (they could only ever
     * reveal a leak of a token that no longer works).
     *
     * @param reason why, for the audit trail and the owner's notice, e.g. {@code "expired 2026-01-02"}; never a
     *        secret
     * @return {@code false} if there is no such token
     * @since 1.2.0
     */
    boolean prune(String tokenId, String reason);

    /**
     * A cheap syntactic check, done without any store or hash work: is this string in our token format (prefix,
     * length, alphabet and checksum)? An authentication filter uses it to leave ordinary passwords alone.
     */
    boolean isTokenFormat(String candidate);

    /**
     * Authenticates a request that presented a token.
     *
     * <p>Checks, in order: the format, that a token with the embedded id exists, the secret against the stored
     * hash (with the {@link Hasher} the hash names), the expiry, that the token belongs to {@code username} (when
     * given), that the owner exists and is active, and that the {@link LicenseGate} allows token use. A wrong id
     * costs the same hashing work as a wrong secret.
     *
     * <p>On success the implementation logs exactly {@code {username} has been authenticated via API Token
     * ({token_id})} once, and records the use (count and time) without a database write on this call.
     *
     * @param username the username the client sent (HTTP Basic), or {@code null} when the token came alone
     *        (Bearer) and names its owner itself
     * @param presentedToken the token as the client sent it
     * @return who was authenticated with which token, or why not; never {@code null}, never throws for bad input
     */
    default AuthenticationResult authenticate(String username, String presentedToken) {
        return authenticate(username, presentedToken, null);
    }

    /**
     * Authenticates a request that presented a token, from a client address: as
     * {@link #authenticate(String, String)}, and also refuses ({@link AuthenticationResult.Reason#ADDRESS_NOT_ALLOWED})
     * a token with {@code allowedIps} when the address is not in one of them (or unknown), and records the address
     * among the token's {@link TokenInfo#lastAddresses() last addresses} (written behind with the usage count).
     *
     * @param clientAddress the client's IP address as the filter determined it (behind trusted proxies, the
     *        forwarded one), or {@code null} if unknown
     * @since 1.2.0
     */
    AuthenticationResult authenticate(String username, String presentedToken, String clientAddress);

    /**
     * The administrators' policy now in force. The default, for a service without one, is
     * {@link TokenPolicy#UNRESTRICTED}.
     *
     * @since 1.2.0
     */
    default TokenPolicy policy() {
        return TokenPolicy.UNRESTRICTED;
    }

    /**
     * Whether the policy lets this user create tokens for themselves (administrators always may). A user interface
     * asks this to offer or hide its create form; {@code create} checks it again.
     *
     * @since 1.2.0
     */
    default boolean mayCreate(String userKey) {
        return true;
    }

    /**
     * How an existing token breaks the policy now in force (it was made before the policy changed), as messages
     * fit for an administrator, e.g. {@code "never expires; the policy requires an expiry"}; empty when it
     * complies. Such tokens keep working until they expire or are revoked.
     *
     * @since 1.2.0
     */
    default List<String> policyViolations(TokenInfo token) {
        return List.of();
    }

    /**
     * Records that failed authentications with the token id {@code tokenId} went over the filter's throttle budget
     * (audited as {@link AuditEvents#TOKEN_THROTTLED}); called once per throttle window, never with a secret. The
     * default records nothing; the project's implementation overrides it.
     *
     * @param claimedUsername the username the failing requests gave, as logged (may be {@code null})
     * @param clientAddress the client address the requests came from
     * @since 1.3.0
     */
    default void throttled(String tokenId, String claimedUsername, String clientAddress) {
    }
}
