package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenPolicyException.Reason;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrators' token policy (PID {@value #PID}): applied to every create request, and used to mark existing
 * tokens that break it. A changed configuration applies at once (no restart) and is audited. A configuration that
 * contradicts itself (a default lifetime over the maximum, an unknown scope) is logged as an error and pauses token
 * creation until it is fixed: a broken policy must not silently let everything through. Authentication is never
 * affected.
 */
@Component(service = AdminPolicy.class, configurationPid = AdminPolicy.PID)
@Designate(ocd = AdminPolicy.Config.class)
public class AdminPolicy {

    static final String PID = "dev.apitokens.policy";

    private static final Logger LOG = LoggerFactory.getLogger(AdminPolicy.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @ObjectClassDefinition(name = "API tokens: token policy",
            description = "Rules for new tokens: expiry, lifetime, how many per user, who may create them and which "
                    + "scopes users may choose. Existing tokens that break a new rule keep working until they "
                    + "expire; the admin page marks them.")
    public @interface Config {

        @AttributeDefinition(name = "Require an expiry",
                description = "Every new token must have an expiry date (given, or the default lifetime below).")
        boolean requireExpiry() default false;

        @AttributeDefinition(name = "Default lifetime (days)", min = "0",
                description = "Lifetime of a token created without an expiry date; 0 for none.")
        int defaultLifetimeDays() default 0;

        @AttributeDefinition(name = "Maximum lifetime (days)", min = "0",
                description = "Longest lifetime of a new token, from its creation; a later expiry is refused "
                        + "(400). With a maximum, every token must expire. 0 for unlimited.")
        int maxLifetimeDays() default 0;

        @AttributeDefinition(name = "Tokens per user", min = "0",
                description = "Most tokens one user may own; the next create request gets 409. 0 for unlimited.")
        int maxTokensPerUser() default 0;

        @AttributeDefinition(name = "Groups that may create tokens",
                description = "Host groups whose members may create tokens for themselves; empty for everybody. "
                        + "Administrators always may.")
        String[] creatorGroups() default {};

        @AttributeDefinition(name = "Scopes users may choose",
                description = "Scopes (read, write) users who are not administrators may give their tokens; "
                        + "e.g. only read. Administrators may choose any.")
        String[] userScopes() default { "read", "write" };
    }

    /** The policy in force, or why there is none. */
    private record State(TokenPolicy policy, String error) {
    }

    /** Event Admin, when the host runs one (typed {@code Object}, as in {@link CoreTokenService}). */
    @Reference(service = org.osgi.service.event.EventAdmin.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Object eventAdmin;

    private final HostUsers users;
    private final Clock clock;
    private final AuditTrail audit;
    private volatile State state;

    @Activate
    public AdminPolicy(@Reference(name = "users") HostUsers users, Config config) {
        this(users, Clock.systemUTC());
        state = read(config);
        LOG.info("Token policy: {}", describe(state));
    }

    /** A policy with fixed rules, for a token service built without Declarative Services (tests, benchmarks). */
    AdminPolicy(HostUsers users, TokenPolicy policy, Clock clock) {
        this(users, clock);
        state = new State(policy, null);
    }

    private AdminPolicy(HostUsers users, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.audit = new AuditTrail(() -> eventAdmin, clock);
    }

    @Modified
    void modified(Config config) {
        State previous = state;
        state = read(config);
        String now = describe(state);
        if (!now.equals(describe(previous))) {
            LOG.info("Token policy changed: {}", now);
            audit.post(AuditEvents.POLICY_CHANGED, null, null, null, now);
        }
    }

    /** The policy in force; {@link TokenPolicy#UNRESTRICTED}'s shape with no creators while misconfigured. */
    TokenPolicy settings() {
        return state.policy();
    }

    /** Why token creation is paused, or {@code null} when the configuration is valid. */
    String configurationError() {
        return state.error();
    }

    /** Whether the user may create tokens for themselves. */
    boolean mayCreate(HostUser user) {
        State current = state;
        return current.error() == null && (user.admin() || isCreator(current.policy(), user));
    }

    /**
     * Applies the policy to a validated request and returns the request to create (with the default expiry when it
     * gave none).
     *
     * @param owner who will own the token
     * @param byAdmin whether an administrator asks (for themselves or for {@code owner}); admins are not bound by
     *        the creator groups or the scope limit, but by the lifetime rules and the token limit
     * @param now the instant the token is created at, from which the default and the maximum lifetime count
     * @param ownedTokens how many tokens the owner has now; asked only when the policy limits them
     * @throws TokenPolicyException when the policy refuses the request
     */
    TokenRequest apply(HostUser owner, boolean byAdmin, TokenRequest request, Instant now, IntSupplier ownedTokens) {
        State current = state;
        if (current.error() != null) {
            throw new TokenPolicyException(Reason.NOT_PERMITTED, "Creating tokens is paused: the token policy's "
                    + "configuration is invalid (" + current.error() + "). An administrator must correct it.");
        }
        TokenPolicy policy = current.policy();
        boolean unbound = byAdmin || owner.admin();
        if (!unbound && !isCreator(policy, owner)) {
            throw new TokenPolicyException(Reason.NOT_PERMITTED, "Only members of the group"
                    + (policy.creatorGroups().size() == 1 ? " " : "s ") + String.join(", ", policy.creatorGroups())
                    + " may create API tokens.");
        }
        if (!unbound && !policy.userScopes().contains(request.scope())) {
            throw new TokenPolicyException(Reason.SCOPE_NOT_ALLOWED, "Your tokens may only have the scope "
                    + names(policy.userScopes()) + ", not " + request.scope().jsonName() + ".");
        }
        TokenRequest result = request;
        if (result.expiresAt() == null && policy.defaultLifetimeDays() > 0) {
            result = result.withExpiresAt(now.plus(Duration.ofDays(policy.defaultLifetimeDays())));
        }
        if (result.expiresAt() == null && (policy.requireExpiry() || policy.maxLifetimeDays() > 0)) {
            throw new TokenPolicyException(Reason.EXPIRY_REQUIRED, "Give the token an expiry date: the policy "
                    + "requires one" + (policy.maxLifetimeDays() > 0
                            ? ", at most " + policy.maxLifetimeDays() + " days from now." : "."));
        }
        if (policy.maxLifetimeDays() > 0) {
            Instant latest = now.plus(Duration.ofDays(policy.maxLifetimeDays()));
            if (result.expiresAt().isAfter(latest)) {
                throw new TokenPolicyException(Reason.LIFETIME_TOO_LONG, "The expiry date is too far away: tokens "
                        + "may live at most " + policy.maxLifetimeDays() + " days (until " + DAY.format(latest)
                        + ").");
            }
        }
        if (policy.maxTokensPerUser() > 0) {
            int owned = ownedTokens.getAsInt();
            if (owned >= policy.maxTokensPerUser()) {
                throw new TokenPolicyException(Reason.TOO_MANY_TOKENS, (byAdmin ? owner.name() + " has " : "You have ")
                        + owned + " tokens, the most the policy allows (" + policy.maxTokensPerUser()
                        + "). Revoke one first.");
            }
        }
        return result;
    }

    /**
     * The expiry a token gets when it is rotated: its own (the remaining lifetime), or the default lifetime (else
     * the maximum) from now when it has none and the policy wants one, and never more than the maximum from now.
     * Rotation replaces the secret of a token that exists, so the rules for new tokens (creator groups, scopes, the
     * token limit) do not apply, and it never lengthens a lifetime the policy bounds. While the configuration is
     * invalid the token keeps its expiry.
     *
     * @param now the instant of the rotation, from which the default and the maximum lifetime count
     * @throws TokenPolicyException when the token never expires and the policy requires an expiry but gives no
     *         lifetime to use
     */
    Instant expiryOnRotation(Instant expiresAt, Instant now) {
        State current = state;
        if (current.error() != null) {
            return expiresAt;
        }
        TokenPolicy policy = current.policy();
        Instant result = expiresAt;
        if (result == null && policy.defaultLifetimeDays() > 0) {
            result = now.plus(Duration.ofDays(policy.defaultLifetimeDays()));
        } else if (result == null && policy.maxLifetimeDays() > 0) {
            result = now.plus(Duration.ofDays(policy.maxLifetimeDays()));
        } else if (result == null && policy.requireExpiry()) {
            throw new TokenPolicyException(Reason.EXPIRY_REQUIRED, "This token never expires, and the policy now "
                    + "requires an expiry without a default lifetime: create a new token with an expiry date instead.");
        }
        if (result != null && policy.maxLifetimeDays() > 0) {
            Instant latest = now.plus(Duration.ofDays(policy.maxLifetimeDays()));
            result = result.isAfter(latest) ? latest : result;
        }
        return result;
    }

    /** How an existing token breaks the policy in force, as messages for admins; empty when it complies. */
    List<String> violations(TokenInfo token) {
        TokenPolicy policy = state.policy();
        List<String> found = new ArrayList<>();
        if (token.expiresAt() == null) {
            if (policy.requireExpiry() || policy.maxLifetimeDays() > 0) {
                found.add("never expires; the policy requires an expiry");
            }
        } else if (policy.maxLifetimeDays() > 0) {
            long days = Duration.between(token.createdAt(), token.expiresAt()).toDays();
            if (token.expiresAt().isAfter(token.createdAt().plus(Duration.ofDays(policy.maxLifetimeDays())))) {
                found.add("lives " + days + " days, longer than the policy's maximum of " + policy.maxLifetimeDays()
                        + " days");
            }
        }
        if (!policy.userScopes().contains(token.scope())) {
            boolean ownerIsAdmin = users.findByKey(token.userKey()).map(HostUser::admin).orElse(false);
            if (!ownerIsAdmin) {
                found.add("has scope " + token.scope().jsonName() + "; users may now only choose "
                        + names(policy.userScopes()));
            }
        }
        return found;
    }

    private boolean isCreator(TokenPolicy policy, HostUser user) {
        return !policy.limitsCreators()
                || policy.creatorGroups().stream().anyMatch(group -> users.isMemberOf(user.key(), group));
    }

    private static State read(Config config) {
        try {
            Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
            for (String name : config.userScopes()) {
                if (!name.isBlank()) {
                    scopes.add(TokenScope.ofJsonName(name).orElseThrow(() -> new IllegalArgumentException(
                            "userScopes: unknown scope '" + name.strip() + "' (read or write)")));
                }
            }
            return new State(new TokenPolicy(config.requireExpiry(), config.defaultLifetimeDays(),
                    config.maxLifetimeDays(), config.maxTokensPerUser(), List.of(config.creatorGroups()), scopes),
                    null);
        } catch (IllegalArgumentException e) {
            LOG.error("The token policy configuration ({}) is invalid, token creation is paused until it is "
                    + "corrected: {}", PID, e.getMessage());
            return new State(new TokenPolicy(true, 0, 0, 0, List.of(), Set.of()), e.getMessage());
        }
    }

    private static String describe(State state) {
        if (state.error() != null) {
            return "invalid (" + state.error() + "), token creation paused";
        }
        TokenPolicy p = state.policy();
        return "requireExpiry=" + p.requireExpiry() + ", defaultLifetimeDays=" + p.defaultLifetimeDays()
                + ", maxLifetimeDays=" + p.maxLifetimeDays() + ", maxTokensPerUser=" + p.maxTokensPerUser()
                + ", creatorGroups=" + (p.limitsCreators() ? String.join(",", p.creatorGroups()) : "everybody")
                + ", userScopes=" + names(p.userScopes());
    }

    private static String names(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::jsonName).collect(Collectors.joining(", "));
    }
}
