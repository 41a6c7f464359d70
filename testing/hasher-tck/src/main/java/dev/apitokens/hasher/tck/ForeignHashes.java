package dev.apitokens.hasher.tck;

import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;


/**
 * Genuine stored hashes of several algorithms with their secrets, in this project's PHC encoding. A hasher must
 * refuse, without an exception, every one that names another algorithm than its own.
 */
public final class ForeignHashes {

    /** The algorithm ids of this project's four hashers. */
    public static final List<String> PROJECT_ALGORITHMS = List.of("hmac-sha256", "pbkdf2-sha256", "argon2id",
            "bcrypt");

    private ForeignHashes() {
    }

    /** One verifiable hash per algorithm (the four of this project and argon2i). */
    public static List<KnownAnswer> all() {
        return List.of(
                KnownAnswer.ascii("RFC 4231 test case 2 as hmac-sha256", "what do ya want for nothing?",
                        phc("hmac-sha256", Map.of(), "Jefe",
                                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")),
                KnownAnswer.ascii("RFC 7914 section 11 PBKDF2-HMAC-SHA256 c=1, first 32 bytes", "passwd",
                        phc("pbkdf2-sha256", Map.of("i", "1"), "salt",
                                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")),
                KnownAnswer.ascii("argon2 reference test.c, argon2id m=256 t=2 p=1", "password",
                        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"),
                KnownAnswer.ascii("argon2 reference, argon2i m=256 t=2 p=1", "password",
                        "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8"),
                // jBCrypt/OpenBSD vector $2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s. (empty secret)
                KnownAnswer.ascii("OpenBSD bcrypt vector, cost 6, empty secret", "",
                        "$bcrypt$r=6$FEs9aRp7Ts85z3Ncf6ennA$VX6U80vyhuhxmia+lKweFtle+fgZ3uA"));
    }

    private static String phc(String id, Map<String, String> params, String asciiSalt, String hashHex) {
        return PhcString.of(id, null, params, asciiSalt.getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().parseHex(hashHex)).toString();
    }
}
