package dev.apitokens.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The command line of a distribution jar: {@code [--port N] [--data DIR] [--bundles DIR] [user ...]}.
 *
 * <p>Options may also come from system properties ({@code -Dapitokens.port=8080 -Dapitokens.data.dir=DIR}), so a
 * service wrapper that only sets JVM options can configure the launcher too; the command line wins.
 *
 * @param port the HTTP port
 * @param dataDir the data directory (database, users, configuration, logs), absolute
 * @param bundlesDir an unpacked bundle archive to start instead of the bundles inside the jar, or {@code null}
 * @param command the words after the options (e.g. {@code user add bob}); empty to start the server
 * @param help whether {@code --help} was given
 */
record LaunchOptions(int port, Path dataDir, Path bundlesDir, List<String> command, boolean help) {

    static final String PORT_PROPERTY = "apitokens.port";
    static final String DATA_PROPERTY = "apitokens.data.dir";
    static final int DEFAULT_PORT = 8080;

    static final String USAGE = String.join("\n",
            "usage: java -jar <distribution>.jar [--port N] [--data DIR] [--bundles DIR]",
            "       java -jar <distribution>.jar [--data DIR] user add NAME [--admin] [--display-name TEXT]",
            "       java -jar <distribution>.jar [--data DIR] user passwd NAME",
            "       java -jar <distribution>.jar [--data DIR] user list",
            "  --port N       HTTP port (default 8080, or -Dapitokens.port)",
            "  --data DIR     data directory: database, users.json, config/*.cfg, logs/ (default ./data,",
            "                 or -Dapitokens.data.dir)",
            "  --bundles DIR  start the bundles of an unpacked bundle archive (DIR/bundles/*.jar) instead of",
            "                 those inside this jar",
            "  user ...       manage the standalone host's users (run 'user help'), then exit");

    static LaunchOptions parse(String[] args, Properties system) {
        int port = parsePort(system.getProperty(PORT_PROPERTY, String.valueOf(DEFAULT_PORT)));
        String data = system.getProperty(DATA_PROPERTY, "data");
        String bundles = null;
        boolean help = false;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!command.isEmpty()) {
                command.add(arg); // everything after the command word belongs to the command
            } else if (arg.equals("--port")) {
                port = parsePort(valueOf(args, ++i, arg));
            } else if (arg.equals("--data")) {
                data = valueOf(args, ++i, arg);
            } else if (arg.equals("--bundles")) {
                bundles = valueOf(args, ++i, arg);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option: " + arg);
            } else if (arg.equals("user")) {
                command.add(arg);
            } else {
                throw new IllegalArgumentException("unknown command: " + arg);
            }
        }
        Path bundlesDir = bundles == null ? null : Path.of(bundles).toAbsolutePath().normalize();
        return new LaunchOptions(port, Path.of(data).toAbsolutePath().normalize(), bundlesDir, List.copyOf(command),
                help);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port number (0-65535): " + text);
    }
}
