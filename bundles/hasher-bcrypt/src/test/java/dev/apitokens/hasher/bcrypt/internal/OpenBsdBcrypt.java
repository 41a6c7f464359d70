package dev.apitokens.hasher.bcrypt.internal;

import dev.apitokens.spi.PhcString;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Converts between OpenBSD's bcrypt strings ({@code $2a$06$<22-char salt><31-char hash>}) and this hasher's PHC
 * strings, for published vectors and interoperability tests. bcrypt's Base64 packs bits like the standard one,
 * with another alphabet and without padding.
 */
final class OpenBsdBcrypt {

    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String STANDARD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final Pattern MCF = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})");

    private OpenBsdBcrypt() {
    }

    /** {@code $2a$06$...} to {@code $bcrypt$r=6$...}. */
    static String toPhc(String mcf) {
        Matcher parts = MCF.matcher(mcf);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not an OpenBSD bcrypt string: " + mcf);
        }
        byte[] salt = Base64.getDecoder().decode(translate(parts.group(2), BCRYPT_ALPHABET, STANDARD_ALPHABET));
        byte[] hash = Base64.getDecoder().decode(translate(parts.group(3), BCRYPT_ALPHABET, STANDARD_ALPHABET));
        return PhcString.of("bcrypt", null, Map.of("r", Integer.toString(Integer.parseInt(parts.group(1)))), salt, hash)
                .toString();
    }

    /** {@code $bcrypt$r=10$...} to {@code $2b$10$...}. */
    static String toMcf(PhcString phc) {
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return String.format("$2b$%02d$%s%s", phc.intParam("r"),
                translate(encoder.encodeToString(phc.salt()), STANDARD_ALPHABET, BCRYPT_ALPHABET),
                translate(encoder.encodeToString(phc.hash()), STANDARD_ALPHABET, BCRYPT_ALPHABET));
    }

    private static String translate(String text, String from, String to) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(to.charAt(from.indexOf(c)));
        }
        return out.toString();
    }
}
