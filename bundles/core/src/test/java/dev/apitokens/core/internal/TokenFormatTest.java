package dev.apitokens.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormatTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final TokenFormat format = new TokenFormat(new SecureRandom());

    /** Builds a token the way the class javadoc documents it, independently of the implementation. */
    static String withChecksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return body + new String(digits);
    }

    @Test
    void generatedTokensMatchTheDocumentedShapeAndParseToTheirId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = format.generate();
            assertEquals(48, token.length());
            assertTrue(token.matches("atok[0-9A-Za-z]{44}"), token);
            assertEquals(withChecksum(token.substring(0, 42)), token, "checksum is CRC32 in 6 base62 digits");
            Optional<String> id = TokenFormat.parse(token);
            assertEquals(Optional.of(token.substring(4, 20)), id);
            assertEquals(id.get(), TokenFormat.publicIdOf(token));
            assertTrue(TokenFormat.isWellFormed(token));
            assertTrue(TokenFormat.isPublicId(id.get()));
            ids.add(id.get());
        }
        assertEquals(1000, ids.size(), "public ids are random");
    }

    @Test
    void theSecretCarriesAtLeast128Bits() {
        double bits = TokenFormat.SECRET_LENGTH * Math.log(62) / Math.log(2);
        assertTrue(bits >= 128, "secret bits: " + bits);
    }

    @Test
    void aHandBuiltTokenWithAValidChecksumParses() {
        String body = "atok" + "0123456789abcdef" + "ABCDEFGHIJKLMNOPQRSTUV";
        assertEquals(Optional.of("0123456789abcdef"), TokenFormat.parse(withChecksum(body)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "                                                ", "atok", "password123",
            "Basic dXNlcjpwYXNz"})
    void nullBlankAndShortInputIsRejected(String candidate) {
        assertEquals(Optional.empty(), TokenFormat.parse(candidate));
        assertFalse(TokenFormat.isWellFormed(candidate));
    }

    @Test
    void wrongLengthIsRejected() {
        String token = format.generate();
        assertEquals(Optional.empty(), TokenFormat.parse(token.substring(0, 47)));
        assertEquals(Optional.empty(), TokenFormat.parse(token + "0"));
        assertEquals(Optional.empty(), TokenFormat.parse(" " + token));
        assertEquals(Optional.empty(), TokenFormat.parse(token + "\n"));
    }

    @Test
    void wrongPrefixIsRejectedEvenWithAMatchingChecksum() {
        String token = format.generate();
        for (String prefix : new String[] {"Atok", "ATOK", "btok", "atak"}) {
            assertEquals(Optional.empty(), TokenFormat.parse(withChecksum(prefix + token.substring(4, 42))), prefix);
        }
    }

    @Test
    void nonBase62CharactersAreRejectedEvenWithAMatchingChecksum() {
        String token = format.generate();
        for (char bad : new char[] {'-', '_', '+', '/', '=', ' ', '.', '\u00e9', '\u0000'}) {
            String body = token.substring(0, 30) + bad + token.substring(31, 42);
            String candidate = body + token.substring(42);
            assertEquals(Optional.empty(), TokenFormat.parse(candidate), "char " + (int) bad);
            if (bad < 128) {
                assertEquals(Optional.empty(), TokenFormat.parse(withChecksum(body)), "checksummed char " + (int) bad);
            }
        }
    }

    @Test
    void digitsAndLettersOutsideAsciiAreRejectedInEveryPlace() {
        String token = format.generate();
        // look-alikes a lookup by code point must not take for base62: Arabic-Indic one, fullwidth zero and A,
        // dotted capital I (whose lower case is ASCII i), Kelvin sign (whose lower case is ASCII k)
        for (char bad : new char[] {'\u0661', '\uff10', '\uff21', '\u0130', '\u212a'}) {
            for (int position = 0; position < 48; position++) {
                String changed = token.substring(0, position) + bad + token.substring(position + 1);
                assertFalse(TokenFormat.isWellFormed(changed), "char " + (int) bad + " at " + position);
            }
        }
    }

    @Test
    void theCheckAgreesWithTheDocumentedFormatOnRandomCandidates() {
        SecureRandom random = new SecureRandom();
        String alphabet = BASE62 + "-_+/= .\u00e9";
        int wellFormed = 0;
        for (int i = 0; i < 20_000; i++) {
            String token = format.generate();
            StringBuilder changed = new StringBuilder(token);
            if (random.nextBoolean()) {
                changed.setCharAt(4 + random.nextInt(44), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = changed.toString();
            String body = candidate.substring(0, 42);
            boolean expected = body.matches("atok[0-9A-Za-z]{38}") && withChecksum(body).equals(candidate);
            assertEquals(expected, TokenFormat.isWellFormed(candidate), candidate);
            assertEquals(expected ? Optional.of(candidate.substring(4, 20)) : Optional.empty(),
                    TokenFormat.parse(candidate));
            wellFormed += expected ? 1 : 0;
        }
        assertTrue(wellFormed > 5_000 && wellFormed < 20_000, "both outcomes tried: " + wellFormed);
    }

    @Test
    void everySingleChangedCharacterFailsTheChecksum() {
        String token = format.generate();
        int tried = 0;
        for (int position = 4; position < 48; position++) {
            for (int k = 1; k < 62; k += 7) {
                char replacement = BASE62.charAt((BASE62.indexOf(token.charAt(position)) + k) % 62);
                String changed = token.substring(0, position) + replacement + token.substring(position + 1);
                assertEquals(Optional.empty(), TokenFormat.parse(changed), "changed position " + position);
                tried++;
            }
        }
        assertEquals(44 * 9, tried);
    }

    @Test
    void swappedNeighboursFailTheChecksum() {
        String token = format.generate();
        for (int position = 4; position < 41; position++) {
            if (token.charAt(position) != token.charAt(position + 1)) {
                String swapped = token.substring(0, position) + token.charAt(position + 1) + token.charAt(position)
                        + token.substring(position + 2);
                assertEquals(Optional.empty(), TokenFormat.parse(swapped), "swapped at " + position);
            }
        }
    }

    @Test
    void publicIdShapeIsChecked() {
        assertTrue(TokenFormat.isPublicId("0123456789abcdef"));
        assertFalse(TokenFormat.isPublicId(null));
        assertFalse(TokenFormat.isPublicId("0123456789abcde"));
        assertFalse(TokenFormat.isPublicId("0123456789abcdef0"));
        assertFalse(TokenFormat.isPublicId("0123456789abcde-"));
        assertFalse(TokenFormat.isPublicId("' OR 1=1 --xxxxx"));
    }
}
