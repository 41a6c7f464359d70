package dev.apitokens.spi;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A self-describing stored hash in the PHC string format, shared by every {@link Hasher}:
 * <pre>
 * $&lt;id&gt;[$v=&lt;version&gt;][$&lt;param&gt;=&lt;value&gt;(,&lt;param&gt;=&lt;value&gt;)*][$&lt;salt&gt;[$&lt;hash&gt;]]
 * </pre>
 * for example {@code $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA}. Salt and hash are in standard Base64
 * without padding. Because a stored hash names its algorithm and parameters, the core picks the right
 * {@link Hasher} for it and can tell an outdated one.
 *
 * <p>Immutable; {@link #toString()} writes the canonical string and {@link #parse} reads it back.
 */
public final class PhcString {

    /** Salt length every hasher of this project uses: 128 bits, as NIST SP 800-132 asks for at least. */
    public static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern PARAM_VALUE = Pattern.compile("[a-zA-Z0-9/+.-]+");
    private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]*");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final String id;
    private final Integer version;
    private final Map<String, String> params;
    private final byte[] salt;
    private final byte[] hash;

    private PhcString(String id, Integer version, Map<String, String> params, byte[] salt, byte[] hash) {
        this.id = id;
        this.version = version;
        this.params = params;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Builds a PHC string.
     *
     * @param id the algorithm id, {@code [a-z0-9-]{1,32}}
     * @param version the algorithm version, or {@code null}
     * @param params parameters in the order they are to be written; names {@code [a-z0-9-]{1,32}}, values
     *        {@code [a-zA-Z0-9/+.-]+}
     * @param salt the salt, or {@code null} (then {@code hash} must be {@code null} too)
     * @param hash the hash output, or {@code null}
     * @throws IllegalArgumentException if a part is not allowed by the format
     */
    public static PhcString of(String id, Integer version, Map<String, String> params, byte[] salt, byte[] hash) {
        requireMatch(ID, Objects.requireNonNull(id, "id"), "algorithm id");
        Map<String, String> copy = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((name, value) -> {
                requireMatch(ID, name, "parameter name");
                requireMatch(PARAM_VALUE, value, "value of parameter " + name);
                if (name.equals("v")) {
                    throw new IllegalArgumentException("'v' is the version, not a parameter");
                }
                copy.put(name, value);
            });
        }
        if (salt == null && hash != null) {
            throw new IllegalArgumentException("a hash needs a salt");
        }
        return new PhcString(id, version, Collections.unmodifiableMap(copy), salt == null ? null : salt.clone(),
                hash == null ? null : hash.clone());
    }

    /** A fresh {@link #SALT_BYTES}-byte salt from a {@link SecureRandom}, for {@link Hasher#hash}. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * Reads a PHC string.
     *
     * @throws IllegalArgumentException if {@code text} is not a well-formed PHC string (the message never
     *         repeats the salt or hash)
     */
    public static PhcString parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a PHC string starts with '$'");
        }
        String[] parts = text.substring(1).split("\\$", -1);
        int i = 0;
        String id = parts[i++];
        Integer version = null;
        Map<String, String> params = new LinkedHashMap<>();
        if (i < parts.length && parts[i].startsWith("v=")) {
            version = parseVersion(parts[i++].substring(2));
        }
        if (i < parts.length && parts[i].contains("=")) {
            for (String pair : parts[i++].split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("malformed parameter in PHC string");
                }
                if (params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException("duplicate parameter in PHC string");
                }
            }
        }
        byte[] salt = i < parts.length ? decode(parts[i++], "salt") : null;
        byte[] hash = i < parts.length ? decode(parts[i++], "hash") : null;
        if (i != parts.length) {
            throw new IllegalArgumentException("too many fields in PHC string");
        }
        return of(id, version, params, salt, hash);
    }

    private static Integer parseVersion(String digits) {
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("malformed version in PHC string");
        }
        return Integer.valueOf(digits);
    }

    private static byte[] decode(String b64, String what) {
        if (b64.isEmpty() || !B64.matcher(b64).matches() || b64.length() % 4 == 1) {
            throw new IllegalArgumentException("malformed " + what + " in PHC string");
        }
        return DECODER.decode(b64);
    }

    private static void requireMatch(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " in PHC string");
        }
    }

    /** The algorithm id, e.g. {@code argon2id}. */
    public String id() {
        return id;
    }

    /** The algorithm version ({@code v=}), or {@code null}. */
    public Integer version() {
        return version;
    }

    /** The parameters in written order; unmodifiable. */
    public Map<String, String> params() {
        return params;
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * A parameter as a non-negative int.
     *
     * @throws IllegalArgumentException if it is missing or not a non-negative decimal int
     */
    public int intParam(String name) {
        String value = params.get(name);
        if (value == null || !value.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("parameter " + name + " missing or not a number");
        }
        return Integer.parseInt(value);
    }

    /** A copy of the salt, or {@code null}. */
    public byte[] salt() {
        return salt == null ? null : salt.clone();
    }

    /** A copy of the hash output, or {@code null}. */
    public byte[] hash() {
        return hash == null ? null : hash.clone();
    }

    /** The canonical PHC string. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append('$').append(id);
        if (version != null) {
            text.append("$v=").append(version);
        }
        if (!params.isEmpty()) {
            text.append('$');
            params.forEach((name, value) -> text.append(name).append('=').append(value).append(','));
            text.setLength(text.length() - 1);
        }
        if (salt != null) {
            text.append('$').append(ENCODER.encodeToString(salt));
        }
        if (hash != null) {
            text.append('$').append(ENCODER.encodeToString(hash));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhcString that && id.equals(that.id) && Objects.equals(version, that.version)
                && params.equals(that.params) && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, params) * 31 + Arrays.hashCode(salt) * 7 + Arrays.hashCode(hash);
    }
}
