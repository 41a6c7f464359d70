package dev.apitokens.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token format parser: what it accepts is exactly the documented shape with a matching checksum, and what
 * {@link TokenFormat#generate()} makes it accepts, while any single mistyped or swapped character is refused.
 */
class TokenFormatFuzzTest {

    private static final Pattern SHAPE = Pattern.compile("atok[0-9A-Za-z]{44}");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @FuzzTest
    void parse(byte[] input) {
        String candidate = new String(input, StandardCharsets.UTF_8);
        Optional<String> id = TokenFormat.parse(candidate);
        assertEquals(id.isPresent(), TokenFormat.isWellFormed(candidate));
        if (id.isPresent()) {
            assertTrue(SHAPE.matcher(candidate).matches(), "accepted outside the documented shape");
            assertEquals(candidate.substring(4, 20), id.get());
            assertEquals(TokenFormat.publicIdOf(candidate), id.get());
            assertTrue(TokenFormat.isPublicId(id.get()));
            assertRefusesEveryTypo(candidate);
        }

        // The same bytes as the random source of a new token: generated tokens parse back to their id.
        String generated = new TokenFormat(new InputRandom(input)).generate();
        assertTrue(SHAPE.matcher(generated).matches(), generated);
        assertEquals(Optional.of(TokenFormat.publicIdOf(generated)), TokenFormat.parse(generated));
        assertRefusesEveryTypo(generated);
    }

    /** A CRC32 catches every burst error up to 32 bits, so one wrong or two swapped characters never pass. */
    private static void assertRefusesEveryTypo(String token) {
        char[] chars = token.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char original = chars[i];
            char typo = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + i) % ALPHABET.length());
            if (typo == original) {
                typo = ALPHABET.charAt((ALPHABET.indexOf(original) + 1) % ALPHABET.length());
            }
            chars[i] = typo;
            assertTrue(TokenFormat.parse(new String(chars)).isEmpty(), "typo at " + i + " accepted");
            chars[i] = original;
            if (i + 1 < chars.length && chars[i + 1] != original) {
                chars[i] = chars[i + 1];
                chars[i + 1] = original;
                assertTrue(TokenFormat.parse(new String(chars)).isEmpty(), "swap at " + i + " accepted");
                chars[i + 1] = chars[i];
                chars[i] = original;
            }
        }
    }

    /** "Random" numbers read from the fuzz input, so the fuzzer steers which tokens get generated. */
    private static final class InputRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] input;
        private int next;

        InputRandom(byte[] input) {
            this.input = input;
        }

        @Override
        public int nextInt(int bound) {
            if (input.length == 0) {
                return 0;
            }
            return Math.floorMod(input[next++ % input.length], bound);
        }
    }
}
