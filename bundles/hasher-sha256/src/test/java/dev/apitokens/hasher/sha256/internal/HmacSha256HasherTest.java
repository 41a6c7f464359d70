package dev.apitokens.hasher.sha256.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.hasher.tck.KnownAnswer;

/** What is particular to this hasher: the RFC 4231 construction, the pepper. The contract runs in *ContractTest. */
class HmacSha256HasherTest {

    static final String PEPPER_0 = Base64.getEncoder().encodeToString(bytes(32, 0x10));
    static final String PEPPER_1 = Base64.getEncoder().encodeToString(bytes(32, 0x11));
    private static final String PEPPER_1_ID = "d041b672f05b";
    private static final String TOKEN = "apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK";
    private static final byte[] SECRET = TOKEN.getBytes(StandardCharsets.US_ASCII);

    /**
     * RFC 4231 section 4 test cases 1, 2, 3, 4 and 6 (case 5 truncates the output, case 7 repeats 6): key, data and
     * HMAC-SHA256 in hex. The hasher takes exactly 16-byte salts, so these check the underlying tag function.
     */
    private static final String[][] RFC_4231 = {
        {hex(bytes(20, 0x0b)), "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {hex(bytes(20, 0xaa)), hex(bytes(50, 0xdd)), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {"0102030405060708090a0b0c0d0e0f10111213141516171819", hex(bytes(50, 0xcd)),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {hex(bytes(131, 0xaa)), hex("Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII)),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    };

    /**
     * Hashes with 16-byte salts computed by OpenSSL 3.0, e.g.
     * {@code printf 'Hi There' | openssl mac -digest SHA256 -macopt hexkey:000102030405060708090a0b0c0d0e0f HMAC}.
     * The peppered one: {@code K = HMAC(pepper = 0x11 * 32, salt)}, {@code tag = HMAC(K, secret)}, pepper id = the
     * first 12 hex digits of {@code HMAC(pepper, "dev.apitokens.hasher.sha256 pepper id")}, all with the same command.
     */
    static List<KnownAnswer> openSslVectors(boolean withPepper1) {
        String salt = "000102030405060708090a0b0c0d0e0f";
        List<KnownAnswer> vectors = new ArrayList<>(List.of(
                vector("OpenSSL: 'Hi There'", salt, "Hi There", null,
                        "3afd7fe7437c3ecadb2d089e7a65c8f994a3bff46f9a8eb3d3d453b9fa5acc34"),
                vector("OpenSSL: RFC 4231 case 2 data", salt, "what do ya want for nothing?", null,
                        "d1bcfcaaf1aef8add294bca7adb4ae2fb4abdcada6c1295b422f7b9afee374dc"),
                vector("OpenSSL: empty secret", salt, "", null,
                        "07eff8b326b7798c9ccfcbdbe579489ac785a7995a04618b1a2813c26744777d"),
                vector("OpenSSL: token-like secret", salt, TOKEN, null,
                        "790610b1734699b649f02a2f064886f5e6cfb1ae7d38a3a9d2b079e07d556620"),
                vector("OpenSSL: salt 'somesaltsomesalt'", "736f6d6573616c74736f6d6573616c74", "password", null,
                        "93aa1a60ae2fd4af1f6e9b2d2ab42cc55b078e3cf626dc048d632356c352dc82")));
        if (withPepper1) {
            vectors.add(vector("OpenSSL: peppered with 0x11 * 32", salt, TOKEN, PEPPER_1_ID,
                    "3d3c07ee96149d50653e49c42844df35dc45baa64b1aa120262ccde851c44ed7"));
        }
        return vectors;
    }

    @Test
    void tagIsHmacSha256WithTheSaltAsKey() {
        for (String[] vector : RFC_4231) {
            HexFormat hex = HexFormat.of();
            assertEquals(vector[2], hex(HmacSha256Hasher.tag(hex.parseHex(vector[1]), hex.parseHex(vector[0]), null)));
        }
    }

    @Test
    void defaultsAreUnpeppered() {
        HmacSha256Hasher hasher = new HmacSha256Hasher(ComponentConfig.defaults(HmacSha256Hasher.Config.class));
        PhcString stored = PhcString.parse(hasher.hash(SECRET));
        assertEquals(Map.of(), stored.params());
        assertEquals(16, stored.salt().length);
        assertEquals(32, stored.hash().length);
    }

    @Test
    void pepperedTagIsHmacKeyedWithThePepperedSalt() throws Exception {
        PhcString stored = PhcString.parse(configured(PEPPER_1).hash(SECRET));
        byte[] key = hmac(Base64.getDecoder().decode(PEPPER_1), stored.salt());
        assertEquals(hex(hmac(key, SECRET)), hex(stored.hash()));
    }

    @Test
    void pepperIsNamedByAnIdThatDoesNotRevealIt() {
        PhcString stored = PhcString.parse(configured(PEPPER_1).hash(SECRET));
        String id = stored.param(HmacSha256Hasher.PEPPER_PARAM);
        assertTrue(id.matches("[0-9a-f]{12}"), id);
        assertEquals(id, PhcString.parse(configured(PEPPER_1).hash(SECRET)).param(HmacSha256Hasher.PEPPER_PARAM));
        assertFalse(hex(Base64.getDecoder().decode(PEPPER_1)).contains(id));
    }

    @Test
    void hashUnderAnUnknownPepperDoesNotVerify() {
        PhcString stored = PhcString.parse(configured(PEPPER_0).hash(SECRET));
        assertFalse(configured(PEPPER_1).verify(SECRET, stored), "pepper 0 is not configured there");
        assertFalse(configured("").verify(SECRET, stored), "no pepper configured");
        assertTrue(configured(PEPPER_1, PEPPER_0).verify(SECRET, stored), "pepper 0 listed as previous");
    }

    @Test
    void unpepperedHashVerifiesUnderAPepperAndNeedsRehash() {
        PhcString stored = PhcString.parse(configured("").hash(SECRET));
        Hasher peppered = configured(PEPPER_1);
        assertTrue(peppered.verify(SECRET, stored));
        assertTrue(peppered.needsRehash(stored));
        assertFalse(peppered.needsRehash(PhcString.parse(peppered.hash(SECRET))));
    }

    @Test
    void badPeppersAreRefusedWithoutRepeatingThem() {
        String shortPepper = Base64.getEncoder().encodeToString(bytes(8, 0x42));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> configured(shortPepper));
        assertTrue(tooShort.getMessage().contains("at least 16 bytes"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortPepper));
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> configured(PEPPER_1, "not*base64!"));
        assertTrue(notBase64.getMessage().contains("previous pepper is not valid Base64"), notBase64.getMessage());
        assertFalse(notBase64.getMessage().contains("not*base64!"));
    }

    static Hasher configured(String pepper, String... previous) {
        return new HmacSha256Hasher(ComponentConfig.of(HmacSha256Hasher.Config.class,
                Map.of("pepper", pepper, "previous_peppers", previous)));
    }

    private static KnownAnswer vector(String source, String saltHex, String secret, String pepperId, String tagHex) {
        HexFormat hex = HexFormat.of();
        Map<String, String> params = pepperId == null ? Map.of() : Map.of(HmacSha256Hasher.PEPPER_PARAM, pepperId);
        return KnownAnswer.ascii(source, secret,
                PhcString.of("hmac-sha256", null, params, hex.parseHex(saltHex), hex.parseHex(tagHex)).toString());
    }

    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] bytes(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
