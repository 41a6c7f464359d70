package dev.apitokens.launcher;

/**
 * The entry point of {@code api-tokens-jira.jar} and {@code api-tokens-confluence.jar}: starts the standalone
 * server, or runs the {@code user} tool and exits. See {@link LaunchOptions#USAGE}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        DistributionContents contents;
        try {
            contents = DistributionContents.locate(options.bundlesDir());
        } catch (java.io.IOException e) {
            System.err.println("api-tokens cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (!options.command().isEmpty()) {
            System.exit(UserCommand.run(contents, options.dataDir(), options.command()));
        }
        try {
            new StandaloneServer(options, contents).run();
        } catch (java.io.IOException e) {
            System.err.println("api-tokens cannot start: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
