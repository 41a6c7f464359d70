package dev.apitokens.license.signed.internal;

import static dev.apitokens.license.signed.internal.InvalidLicenseKeyException.Problem.BAD_SIGNATURE;
import static dev.apitokens.license.signed.internal.InvalidLicenseKeyException.Problem.MALFORMED;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The license key format, shared by this bundle (verify) and the vendor's {@code license-keygen} tool (sign).
 *
 * <p>A key is {@code base64url(payload) "." base64url(signature)}, both without padding, where the signature is
 * Ed25519 over the payload bytes and the payload is UTF-8 text, one {@code name=value} line each, in this order:
 * <pre>
 * format=1
 * id=7d0c4bde-...
 * licensee=Example Corp
 * issued=2026-11-30T10:15:00Z
 * expires=2027-12-31T23:59:59Z   (or: never)
 * users=500                      (0: unlimited)
 * </pre>
 * Every part has exactly one accepted spelling: a key is refused unless re-encoding what was decoded gives the
 * very same text. That is what makes any changed character detectable, including the low bits of a Base64
 * character that a lenient decoder would ignore.
 */
public final class LicenseKey {

    /** The payload format this class writes and reads. */
    public static final int FORMAT = 1;
    /** Longer input is refused before any decoding (a real key is about 300 characters). */
    public static final int MAX_KEY_LENGTH = 4096;

    private static final String ALGORITHM = "Ed25519";
    private static final int SIGNATURE_LENGTH = 64;
    private static final String[] FIELDS = { "format", "id", "licensee", "issued", "expires", "users" };
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,17}");

    private LicenseKey() {
    }

    /** Signs {@code license} with the vendor's Ed25519 private key and returns the license key. */
    public static String sign(License license, PrivateKey vendorKey) throws GeneralSecurityException {
        byte[] payload = encodePayload(license);
        Signature signature = Signature.getInstance(ALGORITHM);
        signature.initSign(vendorKey);
        signature.update(payload);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload) + "." + base64.encodeToString(signature.sign());
    }

    /**
     * Checks a license key against the vendor's Ed25519 public key and returns what it says. Expiry and user tier
     * are not judged here: they depend on when and where the license is used.
     *
     * @param key the license key; surrounding blanks are ignored
     * @throws InvalidLicenseKeyException {@link InvalidLicenseKeyException.Problem#MALFORMED MALFORMED} or
     *         {@link InvalidLicenseKeyException.Problem#BAD_SIGNATURE BAD_SIGNATURE}, with a message for admins
     * @throws InvalidKeyException if {@code vendorKey} is not an Ed25519 public key
     */
    public static License verify(String key, PublicKey vendorKey)
            throws InvalidLicenseKeyException, InvalidKeyException {
        String text = key == null ? "" : key.strip();
        if (text.isEmpty()) {
            throw new InvalidLicenseKeyException(MALFORMED, "the license key is empty");
        }
        if (text.length() > MAX_KEY_LENGTH) {
            throw new InvalidLicenseKeyException(MALFORMED, "the license key is longer than any real key");
        }
        int dot = text.indexOf('.');
        if (dot < 0 || dot != text.lastIndexOf('.')) {
            throw new InvalidLicenseKeyException(MALFORMED, "a license key has exactly two parts separated by '.'");
        }
        byte[] payload = decodePart(text.substring(0, dot), "payload");
        byte[] signature = decodePart(text.substring(dot + 1), "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            throw new InvalidLicenseKeyException(MALFORMED, "the signature part has the wrong length");
        }
        if (!signatureMatches(payload, signature, vendorKey)) {
            throw new InvalidLicenseKeyException(BAD_SIGNATURE, "the signature does not match the vendor public key"
                    + " (the key was altered, or issued for another vendor key)");
        }
        // Only a payload the vendor signed is parsed further.
        return decodePayload(payload);
    }

    static byte[] encodePayload(License license) {
        String text = "format=" + FORMAT + "\n"
                + "id=" + license.id() + "\n"
                + "licensee=" + license.licensee() + "\n"
                + "issued=" + license.issuedAt() + "\n"
                + "expires=" + (license.expiresAt() == null ? "never" : license.expiresAt().toString()) + "\n"
                + "users=" + license.userTier() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static License decodePayload(byte[] payload) throws InvalidLicenseKeyException {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw malformedPayload("it does not end with a line break");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        String[] values = new String[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            String prefix = FIELDS[i] + "=";
            if (i >= lines.length || !lines[i].startsWith(prefix)) {
                // format first, so that a newer format is reported as such rather than as a missing field
                throw malformedPayload(
                        i == 0 ? "it does not start with a format line" : "field '" + FIELDS[i] + "' is missing");
            }
            values[i] = lines[i].substring(prefix.length());
            if (i == 0 && !values[0].equals(Integer.toString(FORMAT))) {
                throw malformedPayload("its format '" + values[0].replaceAll("[^0-9]", "") + "' is not the format "
                        + FORMAT + " this bundle reads (a newer bundle may be needed)");
            }
        }
        if (lines.length != FIELDS.length) {
            throw malformedPayload("it has unexpected extra lines");
        }
        License license;
        try {
            Instant expires = values[4].equals("never") ? null : Instant.parse(values[4]);
            license = new License(values[1], values[2], Instant.parse(values[3]), expires, parseUsers(values[5]));
        } catch (DateTimeParseException e) {
            throw malformedPayload("a date is not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
            throw malformedPayload(e.getMessage());
        }
        if (!Arrays.equals(encodePayload(license), payload)) {
            throw malformedPayload("it is not in canonical form");
        }
        return license;
    }

    private static int parseUsers(String value) {
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("the user tier is not a whole number");
        }
        long users = Long.parseLong(value);
        if (users > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the user tier is too large");
        }
        return (int) users;
    }

    private static byte[] decodePart(String part, String name) throws InvalidLicenseKeyException {
        if (!BASE64URL.matcher(part).matches()) {
            throw new InvalidLicenseKeyException(MALFORMED,
                    "the " + name + " part is empty or has characters other than A-Z a-z 0-9 - _");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidLicenseKeyException(MALFORMED, "the " + name + " part is not valid base64url");
        }
        // The JDK decoder ignores the unused low bits of a final character; a changed one must not pass.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
            throw new InvalidLicenseKeyException(MALFORMED, "the " + name + " part is not canonical base64url");
        }
        return bytes;
    }

    private static boolean signatureMatches(byte[] payload, byte[] signature, PublicKey vendorKey)
            throws InvalidKeyException {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(vendorKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // A signature the provider cannot even decode is as bad as a wrong one.
            return false;
        }
    }

    private static InvalidLicenseKeyException malformedPayload(String why) {
        return new InvalidLicenseKeyException(MALFORMED,
                "the license key is signed but its content is unreadable: " + why);
    }
}
