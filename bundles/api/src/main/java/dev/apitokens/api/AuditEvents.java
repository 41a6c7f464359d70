package dev.apitokens.api;

/**
 * The audit trail as OSGi Event Admin events: every change to tokens is posted under {@value #TOPIC_PREFIX}, the
 * standard OSGi way, so a subscriber bundle can store them and a host adapter can forward them to the host's own
 * audit log. The topic is {@value #TOPIC_PREFIX} followed by the type, e.g. {@code dev/apitokens/audit/TOKEN_CREATED};
 * subscribe to {@code dev/apitokens/audit/*} for all of them.
 *
 * <p>An event never carries a secret or a hash: tokens are named by their public id only. Properties other than
 * {@link #TYPE} may be missing when they do not apply (no {@link #ACTOR} for pruning, no {@link #TOKEN_ID} for a
 * change of every token of a user). {@link #TIMESTAMP} is epoch milliseconds (the same key as Event Admin's own
 * {@code EventConstants.TIMESTAMP}).
 *
 * @since 1.1.0
 */
public final class AuditEvents {

    /** Every audit topic starts with this. */
    public static final String TOPIC_PREFIX = "dev/apitokens/audit/";

    /** A token was created; {@link #ACTOR} made it for {@link #USER}. */
    public static final String TOKEN_CREATED = "TOKEN_CREATED";
    /** The owner revoked one of their tokens. */
    public static final String TOKEN_REVOKED = "TOKEN_REVOKED";
    /**
     * All of a user's tokens were revoked, by the owner or, when {@link #ACTOR} is someone else, by an
     * administrator; {@link #DETAIL} says how many.
     */
    public static final String ALL_TOKENS_REVOKED = "ALL_TOKENS_REVOKED";
    /** An administrator ({@link #ACTOR}, since 1.2.0) revoked somebody's token. */
    public static final String TOKEN_REVOKED_BY_ADMIN = "TOKEN_REVOKED_BY_ADMIN";
    /** The owner rotated a token; {@link #TOKEN_ID} is the new public id, {@link #DETAIL} names the old one (since 1.2.0). */
    public static final String TOKEN_ROTATED = "TOKEN_ROTATED";
    /** The owner renamed a token; {@link #DETAIL} is the new label (since 1.2.0). */
    public static final String TOKEN_RENAMED = "TOKEN_RENAMED";
    /**
     * A rotated-away secret was presented again, so it leaked: its successor {@link #TOKEN_ID} was revoked;
     * {@link #DETAIL} names the rotated-away id (since 1.2.0).
     */
    public static final String TOKEN_LEAK_DETECTED = "TOKEN_LEAK_DETECTED";
    /** Scheduled pruning revoked or deleted a token; {@link #DETAIL} says why (expired, idle, user gone). */
    public static final String TOKEN_PRUNED = "TOKEN_PRUNED";

    /**
     * The administrators changed the token policy; {@link #DETAIL} holds the new rules (since 1.2.0).
     */
    public static final String POLICY_CHANGED = "POLICY_CHANGED";
    /**
     * The token policy refused a token creation; {@link #ACTOR} asked for {@link #USER}, {@link #DETAIL} is the
     * reason and the message the client got (since 1.3.0).
     */
    public static final String TOKEN_REFUSED_BY_POLICY = "TOKEN_REFUSED_BY_POLICY";
    /**
     * Failed authentications with one token id (a guessed or leaked id under attack) went over the throttle's
     * budget, so further attempts with it are refused without a check for a while; {@link #TOKEN_ID} is that id,
     * {@link #USER} its claimed username, {@link #DETAIL} the client address (since 1.3.0).
     */
    public static final String TOKEN_THROTTLED = "TOKEN_THROTTLED";
    /** The license state changed; {@link #DETAIL} is {@code OLD -> NEW}, e.g. {@code VALID -> EXPIRED} (since 1.3.0). */
    public static final String LICENSE_CHANGED = "LICENSE_CHANGED";

    /** Property: the event type, one of the constants above (or a newer one). */
    public static final String TYPE = "type";
    /** Property: user key of whoever made the change; absent for the system (pruning) or an unnamed admin. */
    public static final String ACTOR = "actor";
    /** Property: user key of the token's owner. */
    public static final String USER = "user";
    /** Property: the token's public id. */
    public static final String TOKEN_ID = "token.id";
    /** Property: a short human-readable detail (a label, a count, a reason); never a secret. */
    public static final String DETAIL = "detail";
    /** Property: when it happened, epoch milliseconds. */
    public static final String TIMESTAMP = "timestamp";

    private AuditEvents() {
    }

    /** The Event Admin topic of an event type. */
    public static String topic(String type) {
        return TOPIC_PREFIX + type;
    }
}
