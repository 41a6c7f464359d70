package dev.apitokens.license.keygen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The arguments of one command: {@code --name value} options and positional arguments, nothing cleverer. */
final class CommandLine {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param allowed the option names this command takes (without {@code --})
     * @throws UsageException for an unknown, repeated or value-less option
     */
    CommandLine(List<String> args, Set<String> allowed) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option " + arg);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + arg + " needs a value");
            }
            if (options.put(name, args.get(++i)) != null) {
                throw new UsageException("option " + arg + " is given twice");
            }
        }
    }

    String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    String optional(String name) {
        return options.get(name);
    }

    /** The single positional argument this command takes. */
    String single(String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException("expected exactly one " + what);
        }
        return positional.get(0);
    }

    void noPositional() throws UsageException {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument " + positional.get(0));
        }
    }

    /** Bad command-line input; the message is printed as is, followed by the usage. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
