package dev.apitokens.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The token string format. A token is 48 characters of base62 ({@code [0-9A-Za-z]}):
 * <pre>
 * atok | public id (16) | secret (22) | checksum (6)
 * </pre>
 * <ul>
 * <li>{@code atok}: a fixed prefix, so secret scanners can match {@code atok[0-9A-Za-z]{44}};</li>
 * <li>public id: 16 random base62 characters (about 95 bits) from {@link SecureRandom}; the store looks the token
 * up by it with one indexed query, and logs and the REST API name the token by it;</li>
 * <li>secret: 22 random base62 characters from {@link SecureRandom}, about 131 bits (at least 128);</li>
 * <li>checksum: the CRC32 of the ASCII bytes of everything before it, written as a 6-character base62 number
 * (zero-padded; 62^6 exceeds 2^32), so a mistyped or truncated token is rejected before any store or hash
 * work.</li>
 * </ul>
 * Base62 only, so that a double-click selects the whole token and no URL or shell escaping is ever needed. The
 * whole string (prefix to checksum) is what gets hashed.
 */
final class TokenFormat {

    static final String PREFIX = "atok";
    static final int ID_LENGTH = 16;
    static final int SECRET_LENGTH = 22;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BODY_LENGTH = LENGTH - CHECKSUM_LENGTH;
    private static final boolean[] IS_BASE62 = new boolean[128];

    static {
        for (int i = 0; i < ALPHABET.length(); i++) {
            IS_BASE62[ALPHABET.charAt(i)] = true;
        }
    }

    private final SecureRandom random;

    TokenFormat(SecureRandom random) {
        this.random = random;
    }

    /** A new token string with a fresh public id and secret. */
    String generate() {
        StringBuilder token = new StringBuilder(LENGTH).append(PREFIX);
        appendRandom(token, ID_LENGTH);
        appendRandom(token, SECRET_LENGTH);
        return token.append(checksum(token)).toString();
    }

    /**
     * The public id of a well-formed token; empty for {@code null}, blank, wrong length, wrong prefix, a character
     * outside base62, or a checksum that does not match.
     */
    static Optional<String> parse(String candidate) {
        return isWellFormed(candidate) ? Optional.of(publicIdOf(candidate)) : Optional.empty();
    }

    /** The public id of a token that {@link #generate()} made (no checks). */
    static String publicIdOf(String token) {
        return token.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    }

    /** Whether {@code candidate} could be a public id (16 base62 characters); saves a store call on garbage. */
    static boolean isPublicId(String candidate) {
        return candidate != null && candidate.length() == ID_LENGTH
                && candidate.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /**
     * Whether {@code candidate} is a well-formed token (see {@link #parse}). Runs twice per token request (the
     * filter's format check, the service's parse), so it allocates nothing but the checksum's input: a table
     * lookup per character, one CRC32, the checksum compared digit by digit.
     */
    static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        byte[] body = new byte[BODY_LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = candidate.charAt(i);
            if (c >= IS_BASE62.length || !IS_BASE62[c]) {
                return false;
            }
            if (i < BODY_LENGTH) {
                body[i] = (byte) c;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        long value = crc.getValue();
        for (int i = LENGTH - 1; i >= BODY_LENGTH; i--) {
            if (candidate.charAt(i) != ALPHABET.charAt((int) (value % ALPHABET.length()))) {
                return false;
            }
            value /= ALPHABET.length();
        }
        return true;
    }

    private void appendRandom(StringBuilder into, int count) {
        for (int i = 0; i < count; i++) {
            into.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }
}
