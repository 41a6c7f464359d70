package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.data.DataDirectory;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code user add|passwd|list}: manages the users file from the command line, outside OSGi (the distribution's
 * launcher runs it for {@code java -jar <distribution>.jar user ...}). It honours the users file and iterations set
 * in {@code <data>/config/dev.apitokens.host.standalone.cfg}. A running server picks the change up within a second.
 * The password is asked on the console, or read from the first line of standard input with {@code --password-stdin}
 * or when there is no console.
 */
public final class UserTool {

    static final String USAGE = String.join("\n",
            "usage: user add NAME [--admin] [--display-name TEXT] [--email ADDRESS] [--group GROUP]...",
            "                                                       create a user (asks for the password)",
            "       user passwd NAME                                set a user's password (asks for it)",
            "       user list                                       list the users",
            "The password is asked on the console; with --password-stdin (or without a console) it is the first",
            "line of standard input.");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final Path dataDir;
    /** Where the password comes from; {@code null} for the console. */
    private final Reader stdin;
    private final PrintStream out;

    UserTool(Path dataDir, Reader stdin, PrintStream out) {
        this.dataDir = dataDir;
        this.stdin = stdin;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code [--data DIR] add|passwd|list ...} and returns the exit code. */
    public static int run(String[] args) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        Path dataDir = Path.of("data");
        if (words.size() >= 2 && words.get(0).equals("--data")) {
            dataDir = Path.of(words.get(1));
            words = new ArrayList<>(words.subList(2, words.size()));
        }
        boolean fromStdin = words.remove("--password-stdin") || System.console() == null;
        UserTool tool = new UserTool(dataDir.toAbsolutePath(),
                fromStdin ? new InputStreamReader(System.in, StandardCharsets.UTF_8) : null, System.out);
        try {
            return tool.execute(words);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return e instanceof IOException ? 1 : 2;
        }
    }

    int execute(List<String> words) throws IOException {
        if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("--help")) {
            out.println(USAGE);
            return words.isEmpty() ? 2 : 0;
        }
        Properties config = hostConfiguration();
        UsersFile file = new UsersFile(DataDirectory.resolve(dataDir, config.getProperty("usersFile"), "users.json"));
        PasswordKdf kdf = new PasswordKdf(Integer.parseInt(
                config.getProperty("passwordIterations", String.valueOf(PasswordKdf.DEFAULT_ITERATIONS)).trim()));
        List<UserRecord> users = new ArrayList<>(file.read());
        switch (words.get(0)) {
            case "list" -> {
                users.forEach(user -> out.printf("%s\tkey=%s\tadmin=%s\tactive=%s\t%s\temail=%s\tgroups=%s%n",
                        user.name(), user.key(), user.admin(), user.active(), user.displayName(),
                        user.email() == null ? "" : user.email(), String.join(",", user.groups())));
                return 0;
            }
            case "add" -> {
                String name = argument(words, "add");
                if (find(users, name).isPresent()) {
                    throw new IllegalArgumentException("user " + name + " exists already (use: user passwd " + name + ")");
                }
                if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
                    throw new IllegalArgumentException("a user name has 1 to 100 of the characters A-Z a-z 0-9 . _ @ -");
                }
                boolean admin = words.contains("--admin");
                String displayName = option(words, "--display-name");
                String email = option(words, "--email");
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("--email needs an address like name@example.com");
                }
                List<String> groups = options(words, "--group");
                String hash = kdf.hash(readPassword(name));
                // the file is read again under its lock: another command may have changed it while we asked
                file.update(current -> {
                    if (find(current, name).isPresent()) {
                        throw new IllegalArgumentException("user " + name + " was created meanwhile");
                    }
                    List<UserRecord> changed = new ArrayList<>(current);
                    changed.add(UserRecord.create(name, displayName, admin, hash, email, groups));
                    return changed;
                });
                out.println("Created " + (admin ? "administrator " : "user ") + name + " in " + file.path());
                return 0;
            }
            case "passwd" -> {
                String name = argument(words, "passwd");
                UserRecord user = find(users, name)
                        .orElseThrow(() -> new IllegalArgumentException("no user " + name + " in " + file.path()));
                String hash = kdf.hash(readPassword(name));
                file.update(current -> {
                    UserRecord now = find(current, name).orElseThrow(
                            () -> new IllegalArgumentException("user " + name + " was removed meanwhile"));
                    List<UserRecord> changed = new ArrayList<>(current);
                    changed.set(changed.indexOf(now), now.withPassword(hash));
                    return changed;
                });
                out.println("Changed the password of " + user.name());
                return 0;
            }
            default -> throw new IllegalArgumentException("unknown user command: " + words.get(0) + "\n" + USAGE);
        }
    }

    private Properties hostConfiguration() throws IOException {
        Properties properties = new Properties();
        Path cfg = dataDir.resolve("config").resolve(HostConfig.PID + ".cfg");
        if (Files.isRegularFile(cfg)) {
            try (Reader in = Files.newBufferedReader(cfg, StandardCharsets.ISO_8859_1)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private char[] readPassword(String name) throws IOException {
        Console console = System.console();
        char[] password;
        if (stdin == null) {
            password = console.readPassword("Password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (password == null || !Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
        } else {
            String line = new BufferedReader(stdin).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static Optional<UserRecord> find(List<UserRecord> users, String name) {
        return users.stream().filter(user -> user.isNamed(name)).findFirst();
    }

    private static String argument(List<String> words, String command) {
        if (words.size() < 2 || words.get(1).startsWith("--")) {
            throw new IllegalArgumentException("user " + command + " needs a user name\n" + USAGE);
        }
        return words.get(1);
    }

    /** Every value of a repeatable option, in order. */
    private static List<String> options(List<String> words, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(name)) {
                if (i + 1 >= words.size() || words.get(i + 1).isBlank() || words.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.add(words.get(i + 1).trim());
            }
        }
        return values;
    }

    private static String option(List<String> words, String name) {
        int index = words.indexOf(name);
        if (index < 0) {
            return null;
        }
        if (index + 1 >= words.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return words.get(index + 1);
    }
}
