package dev.apitokens.license.keygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.LicenseStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.apitokens.license.signed.internal.Ed25519Pem;
import dev.apitokens.license.signed.internal.License;
import dev.apitokens.license.signed.internal.LicenseKey;
import dev.apitokens.license.signed.internal.SignedLicenseGate;

class LicenseKeygenTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";

    @Test
    void genkeyWritesAnOwnerOnlyPrivateKeyAndAPublicKey() throws IOException {
        assertEquals(0, run("genkey", dir.resolve("vendor").toString()));

        Path privateKey = dir.resolve("vendor/license-private.pem");
        Path publicKey = dir.resolve("vendor/license-public.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
        Ed25519Pem.readPrivate(Files.readString(privateKey));
        String oneLine = Ed25519Pem.publicOneLine(Ed25519Pem.readPublic(Files.readString(publicKey)));
        assertTrue(out().contains("publicKey=" + oneLine), out());
    }

    @Test
    void genkeyNeverOverwritesAKey() throws IOException {
        assertEquals(0, run("genkey", dir.toString()));
        String before = Files.readString(dir.resolve(LicenseKeygen.PRIVATE_FILE));

        assertEquals(2, run("genkey", dir.toString()));
        assertTrue(err().contains("already exists; refusing to overwrite"), err());
        assertEquals(before, Files.readString(dir.resolve(LicenseKeygen.PRIVATE_FILE)));
    }

    /** Generate, sign, and verify with the bundle's own codec and gate: the vendor and the product agree. */
    @Test
    void roundTripThroughTheBundlesVerifier() throws Exception {
        run("genkey", dir.toString());
        String key = sign("--licensee", "Acme Corporation", "--expires", "2027-12-31", "--users", "500", "--id",
                "ACME-2027");
        String publicPem = Files.readString(dir.resolve(LicenseKeygen.PUBLIC_FILE));

        License license = LicenseKey.verify(key, Ed25519Pem.readPublic(publicPem));
        assertEquals(new License("ACME-2027", "Acme Corporation", NOW, Instant.parse("2027-12-31T23:59:59Z"), 500),
                license);

        LicenseStatus status = new SignedLicenseGate(gateConfig(key, publicPem)).status();
        assertEquals(LicenseStatus.State.VALID, status.state(), status.message());
        assertEquals("Acme Corporation", status.licensee());
        assertEquals(500, status.userTier());
    }

    @Test
    void verifyPrintsTheDecodedLicense() throws IOException {
        run("genkey", dir.toString());
        String key = sign("--licensee", "Acme Corporation", "--expires", "never", "--users", "0", "--id", "L-1");
        out.reset();

        assertEquals(0, run("verify", "--pubkey", pub(), key));
        assertEquals(String.join("\n",
                "signature: valid (Ed25519, " + pub() + ")",
                "format:    1",
                "id:        L-1",
                "licensee:  Acme Corporation",
                "issued:    2026-12-01T08:00:00Z",
                "expires:   never",
                "users:     unlimited",
                "status:    VALID", ""), out());

        out.reset();
        stdin = key + "\n";
        assertEquals(0, run("verify", "--pubkey", pub(), "-"), "the key may come from standard input");
    }

    @Test
    void verifyRefusesTamperedExpiredAndForeignKeys() throws IOException {
        run("genkey", dir.toString());
        String key = sign("--licensee", "Acme", "--expires", "2027-01-31", "--users", "5");
        char[] chars = key.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';

        out.reset();
        assertEquals(1, run("verify", "--pubkey", pub(), new String(chars)));
        assertTrue(out().startsWith("status:    "), out());
        assertFalse(out().contains("VALID"), out());

        String expired = sign("--licensee", "Acme", "--issued", "2020-01-01", "--expires", "2020-12-31", "--users",
                "5");
        assertTrue(err().contains("warning: this license has already expired"), err());
        out.reset();
        assertEquals(1, run("verify", "--pubkey", pub(), expired));
        assertTrue(out().contains("expires:   2020-12-31T23:59:59Z\n"), out());
        assertTrue(out().endsWith("status:    EXPIRED\n"), out());

        Path other = dir.resolve("other");
        run("genkey", other.toString());
        out.reset();
        assertEquals(1, run("verify", "--pubkey", other.resolve(LicenseKeygen.PUBLIC_FILE).toString(), key));
        assertTrue(out().contains("status:    BAD_SIGNATURE"), out());
    }

    @Test
    void badInputIsAClearMessageAndExitCode2() throws IOException {
        run("genkey", dir.toString());
        String k = dir.resolve(LicenseKeygen.PRIVATE_FILE).toString();

        assertUsageError("unknown command 'frobnicate'", "frobnicate");
        assertUsageError("option --licensee is required", "sign", "--key", k, "--expires", "never", "--users", "1");
        assertUsageError("--expires '31.12.2027' is neither a date", "sign", "--key", k, "--licensee", "A",
                "--expires", "31.12.2027", "--users", "1");
        assertUsageError("--users 'many' is not a whole number", "sign", "--key", k, "--licensee", "A", "--expires",
                "never", "--users", "many");
        assertUsageError("licensee must not contain control characters", "sign", "--key", k, "--licensee",
                "A\nusers=0", "--expires", "never", "--users", "1");
        assertUsageError("expected a PEM block '-----BEGIN PRIVATE KEY-----'", "sign", "--key", pub(), "--licensee",
                "A", "--expires", "never", "--users", "1");
        Path fake = Files.writeString(dir.resolve("fake.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertUsageError("not an Ed25519 private key", "sign", "--key", fake.toString(), "--licensee", "A",
                "--expires", "never", "--users", "1");
        assertUsageError("is not a readable file", "sign", "--key", dir.resolve("nope.pem").toString(),
                "--licensee", "A", "--expires", "never", "--users", "1");
        assertUsageError("unknown option --user", "sign", "--key", k, "--user", "1");
        assertUsageError("expected exactly one license key", "verify", "--pubkey", pub());
        assertUsageError("usage: java -jar license-keygen.jar");
    }

    private void assertUsageError(String message, String... args) {
        err.reset();
        assertEquals(2, run(args), err());
        assertTrue(err().contains(message), err());
        assertFalse(err().contains("\tat "), "no stack trace: " + err());
    }

    private String sign(String... options) {
        out.reset();
        String[] args = new String[options.length + 3];
        args[0] = "sign";
        args[1] = "--key";
        args[2] = dir.resolve(LicenseKeygen.PRIVATE_FILE).toString();
        System.arraycopy(options, 0, args, 3, options.length);
        assertEquals(0, run(args), err());
        return out().strip();
    }

    private String pub() {
        return dir.resolve(LicenseKeygen.PUBLIC_FILE).toString();
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new LicenseKeygen(o, e, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(NOW, ZoneOffset.UTC)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static SignedLicenseGate.Config gateConfig(String licenseKey, String publicKey) {
        return new SignedLicenseGate.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SignedLicenseGate.Config.class;
            }

            @Override
            public String licenseKey() {
                return licenseKey;
            }

            @Override
            public String publicKey() {
                return publicKey;
            }

            @Override
            public int userCountCacheSeconds() {
                return 60;
            }

            @Override
            public int service_ranking() {
                return 0;
            }
        };
    }
}
