package dev.apitokens.http.support;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The username and password of an {@code Authorization: Basic} header (RFC 7617), read the one way every part of
 * api-tokens reads them: the scheme case-insensitively, strict Base64, strict UTF-8, no control characters (RFC
 * 7617: with PBKDF2, {@code secret\0} would otherwise log in as {@code secret}, HMAC pads its key with zero bytes),
 * split at the first colon (a password may contain colons, a username may not). The password is a {@code char[]} that {@link #clear()} wipes.
 */
public final class BasicCredentials {

    /** Basic credentials that cannot be read; the message says why, and never contains them. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private final String username;
    private final char[] password;

    private BasicCredentials(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    /**
     * @return the credentials, or empty when the header is absent or of another scheme
     * @throws MalformedException when it is Basic but not Base64, not UTF-8, with a control character or without a
     *         colon
     */
    public static Optional<BasicCredentials> parse(String header) throws MalformedException {
        if (!isBasic(header)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(header.strip().substring(6).strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedException("Basic credentials that are not Base64");
        }
        char[] decoded;
        try {
            // nearly every header is ASCII, where UTF-8 decoding is the identity: no decoder to make
            char[] ascii = ascii(bytes);
            decoded = ascii != null ? ascii : utf8(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        try {
            for (char c : decoded) {
                if (Character.isISOControl(c)) {
                    throw new MalformedException("Basic credentials with a control character");
                }
            }
            for (int i = 0; i < decoded.length; i++) {
                if (decoded[i] == ':') {
                    return Optional.of(new BasicCredentials(new String(decoded, 0, i),
                            Arrays.copyOfRange(decoded, i + 1, decoded.length)));
                }
            }
            throw new MalformedException("Basic credentials without a colon");
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    /** The chars of bytes that are all ASCII (then UTF-8 decoding is the identity), else {@code null}. */
    private static char[] ascii(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                Arrays.fill(chars, 0, i, '\0');
                return null;
            }
            chars[i] = (char) bytes[i];
        }
        return chars;
    }

    /** Strict UTF-8 (malformed or unmappable input is refused, never replaced). */
    private static char[] utf8(byte[] bytes) throws MalformedException {
        char[] decoded;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            decoded = new char[chars.remaining()];
            chars.get(decoded);
            Arrays.fill(chars.array(), '\0');
        } catch (CharacterCodingException e) {
            throw new MalformedException("Basic credentials that are not UTF-8");
        }
        return decoded;
    }

    /** Whether the header uses the Basic scheme (whatever follows). */
    public static boolean isBasic(String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        return value.length() > 6 && value.regionMatches(true, 0, "Basic ", 0, 6);
    }

    public String username() {
        return username;
    }

    /** The password itself (not a copy): {@link #clear()} wipes it. */
    public char[] password() {
        return password;
    }

    /** Overwrites the password in memory. */
    public void clear() {
        Arrays.fill(password, '\0');
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", password=<hidden>]";
    }
}
