package dev.apitokens.hasher.bcrypt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.hasher.tck.KnownAnswer;

/** What is particular to bcrypt: published vectors, OpenBSD interoperability, the 72-byte limit, the cost. */
class BcryptHasherTest {

    private static final byte[] TOKEN = ascii("apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK");

    /** Published OpenBSD bcrypt vectors (as in jBCrypt's and py-bcrypt's test suites), converted to PHC. */
    static List<KnownAnswer> publishedVectors() {
        return List.of(
                vector("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."),
                vector("a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"),
                vector("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"),
                vector("abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC"),
                vector("~!@#$%^&*()      ~!@#$%^&*()PNBFRD",
                        "$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO"),
                vector("a", "$2a$08$cfcvVd2aQ8CMvoMpP2EBfeodLEkkFJ9umNEfPD18.hUF62qqlC/V."));
    }

    @Test
    void defaultCostIsTenAndHashesAreStandardBcrypt() {
        Hasher hasher = new BcryptHasher(ComponentConfig.defaults(BcryptHasher.Config.class));
        PhcString stored = PhcString.parse(hasher.hash(TOKEN));
        assertEquals(Map.of("r", "10"), stored.params());
        assertTrue(hasher.verify(TOKEN, stored));
        String mcf = OpenBsdBcrypt.toMcf(stored);
        assertTrue(OpenBSDBCrypt.checkPassword(mcf, TOKEN), "Bouncy Castle's OpenBSD bcrypt accepts " + mcf);
        assertFalse(OpenBSDBCrypt.checkPassword(mcf, ascii("apitok_other")));
    }

    @Test
    void secretsSharingTheirFirst72BytesDoNotVerifyAgainstEachOther() {
        Hasher hasher = withCost(4);
        byte[] first = ascii("x".repeat(72) + "-first");
        byte[] second = ascii("x".repeat(72) + "-second");
        PhcString stored = PhcString.parse(hasher.hash(first));
        assertEquals(BcryptInput.PRE_HASH, stored.param("pre"), "long secrets are pre-hashed and say so");
        assertTrue(hasher.verify(first, stored));
        assertFalse(hasher.verify(second, stored));
        assertFalse(hasher.verify(Arrays.copyOf(first, 72), stored), "the first 72 bytes alone");
        assertFalse(hasher.verify(second, PhcString.parse(hasher.hash(Arrays.copyOf(second, 72)))),
                "a 72-byte secret is pre-hashed too");
    }

    @Test
    void secretsUpTo71BytesAreNotPreHashed() {
        Hasher hasher = withCost(4);
        byte[] longest = ascii("y".repeat(71));
        PhcString stored = PhcString.parse(hasher.hash(longest));
        assertNull(stored.param("pre"));
        assertTrue(OpenBSDBCrypt.checkPassword(OpenBsdBcrypt.toMcf(stored), longest));
    }

    @Test
    void aHashWithoutThePreHashMarkRefusesLongSecrets() {
        // the classic truncation vector: bcrypt itself ignores everything after byte 72
        String mcf = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
        byte[] secret = ascii("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                + "chars after 72 are ignored");
        assertTrue(OpenBSDBCrypt.checkPassword(mcf, Arrays.copyOf(secret, 72)), "plain bcrypt truncates");
        assertFalse(withCost(5).verify(secret, PhcString.parse(OpenBsdBcrypt.toPhc(mcf))));
    }

    @Test
    void costsFarAboveTheConfiguredOneAreRefusedQuickly() {
        Hasher hasher = withCost(4);
        PhcString stored = PhcString.parse(hasher.hash(TOKEN));
        PhcString inflated = PhcString.of("bcrypt", null, Map.of("r", "15"), stored.salt(), stored.hash());
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(hasher.verify(TOKEN, inflated)));
        assertTrue(hasher.needsRehash(PhcString.parse(withCost(5).hash(TOKEN))));
    }

    @Test
    void invalidCostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> withCost(3));
        assertThrows(IllegalArgumentException.class, () -> withCost(32));
    }

    static Hasher withCost(int cost) {
        return new BcryptHasher(ComponentConfig.of(BcryptHasher.Config.class, Map.of("cost", cost)));
    }

    private static KnownAnswer vector(String secret, String mcf) {
        return KnownAnswer.ascii("OpenBSD bcrypt " + mcf.substring(0, 7) + " \"" + secret + "\"", secret,
                OpenBsdBcrypt.toPhc(mcf));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
