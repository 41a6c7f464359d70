package dev.apitokens.license.keygen;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.apitokens.license.keygen.CommandLine.UsageException;
import dev.apitokens.license.signed.internal.Ed25519Pem;
import dev.apitokens.license.signed.internal.InvalidLicenseKeyException;
import dev.apitokens.license.signed.internal.License;
import dev.apitokens.license.signed.internal.LicenseKey;

/**
 * The vendor's license tool: makes an Ed25519 key pair, signs license keys, and decodes them. It uses the
 * {@code license-signed} bundle's own codec, so the tool and the product can never disagree on the format.
 */
public final class LicenseKeygen {

    static final String PRIVATE_FILE = "license-private.pem";
    static final String PUBLIC_FILE = "license-public.pem";
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: java -jar license-keygen.jar <command>",
            "  genkey <dir>",
            "      writes <dir>/" + PRIVATE_FILE + " (owner-only; keep it offline) and <dir>/" + PUBLIC_FILE,
            "  sign --key <private.pem> --licensee <name> --expires <yyyy-mm-dd|instant|never> --users <n>",
            "       [--id <license id>] [--issued <yyyy-mm-dd|instant>]",
            "      prints a license key; a date expires at its end (23:59:59 UTC); --users 0 is unlimited",
            "  verify --pubkey <public.pem> <license key, or - to read it from standard input>",
            "      prints what the key says; exit 0 when valid now, 1 when refused or expired, 2 on bad input");

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Clock clock;

    LicenseKeygen(PrintStream out, PrintStream err, InputStream in, Clock clock) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new LicenseKeygen(System.out, System.err, System.in, Clock.systemUTC()).run(args));
    }

    /** Runs one command and returns the process exit code. Bad input is a message, never a stack trace. */
    int run(String... args) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "genkey":
                    return genkey(new CommandLine(rest, Set.of()));
                case "sign":
                    return sign(new CommandLine(rest, Set.of("key", "licensee", "expires", "users", "id", "issued")));
                case "verify":
                    return verify(new CommandLine(rest, Set.of("pubkey")));
                case "help", "-h", "--help":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return USAGE;
        }
    }

    private int genkey(CommandLine line) throws UsageException, IOException, GeneralSecurityException {
        Path dir = Path.of(line.single("directory"));
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        for (Path file : List.of(privateFile, publicFile)) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " already exists; refusing to overwrite a key");
            }
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(dir);
        writeOwnerOnly(privateFile, Ed25519Pem.privatePem(pair.getPrivate()));
        Files.writeString(publicFile, Ed25519Pem.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
        out.println("private key: " + privateFile + " (owner read/write only; keep it offline, never commit it)");
        out.println("public key:  " + publicFile);
        out.println("publicKey=" + Ed25519Pem.publicOneLine(pair.getPublic()));
        return OK;
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            // Created with its final permissions, so the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setWritable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(true, true);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " already exists; refusing to overwrite a key");
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private int sign(CommandLine line) throws UsageException, IOException, GeneralSecurityException {
        line.noPositional();
        Path keyFile = Path.of(line.required("key"));
        PrivateKey key;
        try {
            key = Ed25519Pem.readPrivate(read(keyFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage());
        }
        String issuedText = line.optional("issued");
        Instant issued = issuedText == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                : instant(issuedText, LocalTime.MIDNIGHT, "--issued");
        String expiresText = line.required("expires");
        Instant expires = expiresText.equals("never") ? null : instant(expiresText, LocalTime.MAX, "--expires");
        String id = line.optional("id") == null ? UUID.randomUUID().toString() : line.optional("id");
        License license = new License(id, line.required("licensee").strip(), issued, expires,
                users(line.required("users")));
        if (license.isExpiredAt(clock.instant())) {
            err.println("warning: this license has already expired");
        }
        out.println(LicenseKey.sign(license, key));
        err.println("signed license " + license.id() + " for " + license.licensee() + ", " + license.expiryText()
                + ", " + license.tierText());
        return OK;
    }

    private int verify(CommandLine line) throws UsageException, IOException, GeneralSecurityException {
        Path publicFile = Path.of(line.required("pubkey"));
        PublicKey publicKey;
        try {
            publicKey = Ed25519Pem.readPublic(read(publicFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(publicFile + ": " + e.getMessage());
        }
        String key = line.single("license key");
        if (key.equals("-")) {
            key = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        License license;
        try {
            license = LicenseKey.verify(key, publicKey);
        } catch (InvalidLicenseKeyException e) {
            out.println("status:    " + e.problem());
            out.println("reason:    " + e.getMessage());
            return REFUSED;
        }
        boolean expired = license.isExpiredAt(clock.instant());
        out.println("signature: valid (Ed25519, " + publicFile + ")");
        out.println("format:    " + LicenseKey.FORMAT);
        out.println("id:        " + license.id());
        out.println("licensee:  " + license.licensee());
        out.println("issued:    " + license.issuedAt());
        out.println("expires:   " + (license.expiresAt() == null ? "never" : license.expiresAt().toString()));
        out.println("users:     " + (license.userTier() == 0 ? "unlimited" : Integer.toString(license.userTier())));
        out.println("status:    " + (expired ? "EXPIRED" : "VALID"));
        return expired ? REFUSED : OK;
    }

    /** A date means its first ({@code --issued}) or last ({@code --expires}) second in UTC. */
    private static Instant instant(String text, LocalTime timeOfDate, String option) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atTime(timeOfDate).toInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS);
            }
            return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text
                    + "' is neither a date (2027-12-31) nor an instant (2027-12-31T23:59:59Z)");
        }
    }

    private static int users(String text) {
        try {
            int users = Integer.parseInt(text);
            if (users >= 0) {
                return users;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--users '" + text + "' is not a whole number of 0 (unlimited) or more");
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a readable file");
        }
        // Latin-1 never fails to decode: a file that is not PEM is reported by the key parser instead.
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
