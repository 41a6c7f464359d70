package dev.apitokens.spi;

import java.util.Objects;

/**
 * That a token, or every token of a user, stopped being valid: revoked by its owner or an admin, or deleted. Sent
 * through a {@link RevocationFeed} so that every node drops what it verified before.
 *
 * @param kind whether {@code subject} is a token's public id or a user key
 * @param subject the token's public id ({@link Kind#TOKEN}) or the user's key ({@link Kind#USER}); never a secret
 */
public record Revocation(Kind kind, String subject) {

    /** What a revocation names. */
    public enum Kind {
        /** One token, by its public id. */
        TOKEN,
        /** Every token of a user, by the user's key. */
        USER
    }

    public Revocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
    }

    /** One token, by its public id. */
    public static Revocation ofToken(String publicId) {
        return new Revocation(Kind.TOKEN, publicId);
    }

    /** Every token of one user, by the user's key. */
    public static Revocation ofUser(String userKey) {
        return new Revocation(Kind.USER, userKey);
    }
}
