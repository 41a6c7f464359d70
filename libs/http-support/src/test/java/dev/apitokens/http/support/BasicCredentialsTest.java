package dev.apitokens.http.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(byte[] raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    private static String basic(String userColonPassword) {
        return basic(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtTheFirstColonWithAnyCaseOfTheScheme() throws Exception {
        BasicCredentials credentials = BasicCredentials.parse(basic("alice:pa:ss wörd")).orElseThrow();
        assertEquals("alice", credentials.username());
        assertArrayEquals("pa:ss wörd".toCharArray(), credentials.password());
        assertEquals("", BasicCredentials.parse("bAsIc " + Base64.getEncoder().encodeToString(":tok".getBytes()))
                .orElseThrow().username());
        assertEquals("bob", BasicCredentials.parse("  " + basic("bob:") + "  ").orElseThrow().username());
    }

    @Test
    void otherSchemesAndNoHeaderAreNotBasic() throws Exception {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.parse("Basic").isEmpty());
        assertTrue(BasicCredentials.parse("Basicx abc").isEmpty());
        assertFalse(BasicCredentials.isBasic("Digest x"));
    }

    @Test
    void malformedBasicSaysWhyWithoutTheCredentials() {
        assertEquals("Basic credentials that are not Base64",
                assertThrows(BasicCredentials.MalformedException.class, () -> BasicCredentials.parse("Basic %%%"))
                        .getMessage());
        assertEquals("Basic credentials that are not UTF-8", assertThrows(BasicCredentials.MalformedException.class,
                () -> BasicCredentials.parse(basic(new byte[] { 'a', ':', (byte) 0xC3 }))).getMessage());
        assertEquals("Basic credentials with a control character", assertThrows(
                BasicCredentials.MalformedException.class, () -> BasicCredentials.parse(basic("bob:bob-secret\0")))
                .getMessage(), "PBKDF2 would take it for bob-secret: a finding of fuzz-tests");
        assertEquals("Basic credentials with a control character", assertThrows(
                BasicCredentials.MalformedException.class, () -> BasicCredentials.parse(basic("bob\n:x"))).getMessage());
        assertEquals("Basic credentials without a colon", assertThrows(BasicCredentials.MalformedException.class,
                () -> BasicCredentials.parse(basic("secret-without-colon"))).getMessage());
    }

    @Test
    void decodesAsStrictUtf8WhetherAsciiOrNot() throws Exception {
        java.util.Random random = new java.util.Random(14);
        int ascii = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] raw = new byte[1 + random.nextInt(40)];
            for (int j = 0; j < raw.length; j++) {
                int kind = random.nextInt(10);
                raw[j] = (byte) (kind < 7 ? 0x20 + random.nextInt(0x5f) : kind < 9 ? ':' : random.nextInt(256));
            }
            String strict;
            try {
                strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = null;
            }
            String header = basic(raw);
            if (strict == null) {
                assertEquals("Basic credentials that are not UTF-8", assertThrows(
                        BasicCredentials.MalformedException.class, () -> BasicCredentials.parse(header)).getMessage());
            } else if (strict.chars().noneMatch(Character::isISOControl) && strict.indexOf(':') >= 0) {
                BasicCredentials credentials = BasicCredentials.parse(header).orElseThrow();
                int colon = strict.indexOf(':');
                assertEquals(strict.substring(0, colon), credentials.username());
                assertArrayEquals(strict.substring(colon + 1).toCharArray(), credentials.password());
                ascii += strict.chars().allMatch(c -> c < 128) ? 1 : 0;
            }
        }
        assertTrue(ascii > 1_000, "the ASCII path was tried: " + ascii);
    }

    @Test
    void clearWipesThePasswordAndToStringHidesIt() throws Exception {
        BasicCredentials credentials = BasicCredentials.parse(basic("alice:hunter2")).orElseThrow();
        assertFalse(credentials.toString().contains("hunter2"));
        credentials.clear();
        assertArrayEquals(new char[7], credentials.password());
    }

    @Test
    void jsonMessagesAreEscaped() {
        assertEquals("{\"message\":\"a \\\"b\\\" \\\\ \\u000a \\u2028\"}",
                new String(JsonMessage.body("a \"b\" \\ \n \u2028"), StandardCharsets.UTF_8));
    }
}
