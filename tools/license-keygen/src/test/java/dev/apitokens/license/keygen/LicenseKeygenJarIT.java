package dev.apitokens.license.keygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar the way the vendor does: {@code java -jar license-keygen.jar ...}, a separate process. */
class LicenseKeygenJarIT {

    @TempDir
    Path dir;

    @Test
    void genkeySignVerifyWithTheRunnableJar() throws Exception {
        assertEquals(0, java("genkey", dir.toString()).exit);
        Result signed = java("sign", "--key", dir.resolve("license-private.pem").toString(), "--licensee", "Acme",
                "--expires", "2099-12-31", "--users", "500");
        assertEquals(0, signed.exit, signed.err);

        Result verified = java("verify", "--pubkey", dir.resolve("license-public.pem").toString(), signed.out.strip());
        assertEquals(0, verified.exit, verified.err);
        assertTrue(verified.out.contains("licensee:  Acme\n"), verified.out);
        assertTrue(verified.out.contains("expires:   2099-12-31T23:59:59Z\n"), verified.out);
        assertTrue(verified.out.contains("users:     500\n"), verified.out);
        assertTrue(verified.out.endsWith("status:    VALID\n"), verified.out);

        Result usage = java();
        assertEquals(2, usage.exit);
        assertTrue(usage.err.startsWith("usage:"), usage.err);
    }

    private Result java(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("keygen.jar")));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not finish");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
    }
}
