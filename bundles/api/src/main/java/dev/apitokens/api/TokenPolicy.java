package dev.apitokens.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The administrators' rules for creating tokens, as configured (PID {@code dev.apitokens.policy}) and as shown to
 * users and admins. The token service applies it on every {@link TokenService#create(String, TokenRequest, String)
 * create}; tokens made before a change keep working until they expire, and
 * {@link TokenService#policyViolations(TokenInfo)} says how they break the rules now in force.
 *
 * @param requireExpiry whether every new token must expire (when it also has no {@code defaultLifetimeDays}, a
 *        request without an expiry is refused)
 * @param defaultLifetimeDays the lifetime of a token whose request gives no expiry; 0 for none (never expires,
 *        unless {@code requireExpiry})
 * @param maxLifetimeDays the longest lifetime a token may have, counted from its creation; 0 for no limit
 * @param maxTokensPerUser the most tokens one user may own; 0 for no limit
 * @param creatorGroups host groups whose members may create tokens for themselves; empty for everybody.
 *        Administrators always may, and may create tokens for other users
 * @param userScopes the scopes users who are not administrators may choose; never empty (all scopes when
 *        constructed with none)
 * @since 1.2.0
 */
public record TokenPolicy(boolean requireExpiry, int defaultLifetimeDays, int maxLifetimeDays, int maxTokensPerUser,
        List<String> creatorGroups, Set<TokenScope> userScopes) {

    /** No rules: what the original product does. */
    public static final TokenPolicy UNRESTRICTED = new TokenPolicy(false, 0, 0, 0, List.of(), Set.of());

    /**
     * @throws IllegalArgumentException for a negative number, or a default lifetime longer than the maximum
     */
    public TokenPolicy {
        if (defaultLifetimeDays < 0 || maxLifetimeDays < 0 || maxTokensPerUser < 0) {
            throw new IllegalArgumentException("lifetimes and the token limit are 0 (none) or more");
        }
        if (maxLifetimeDays > 0 && defaultLifetimeDays > maxLifetimeDays) {
            throw new IllegalArgumentException("the default lifetime (" + defaultLifetimeDays
                    + " days) is longer than the maximum (" + maxLifetimeDays + " days)");
        }
        creatorGroups = creatorGroups == null ? List.of()
                : creatorGroups.stream().map(String::strip).filter(group -> !group.isEmpty()).distinct().toList();
        userScopes = userScopes == null || userScopes.isEmpty() ? Set.copyOf(EnumSet.allOf(TokenScope.class))
                : Set.copyOf(userScopes);
    }

    /** Whether only members of {@link #creatorGroups()} (and administrators) may create tokens. */
    public boolean limitsCreators() {
        return !creatorGroups.isEmpty();
    }
}
