package dev.apitokens.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Every file in the repository's {@code config-samples/} does what its comments promise an operator: copied into
 * the running Jira assembly's FileInstall directory (a {@code <pid>-<variant>.cfg} sample as {@code <pid>.cfg}, one
 * at a time), it reaches ConfigurationAdmin under a PID that one of our bundles designates through Metatype, and
 * its {@code service.ranking}, where it sets one, arrives as an Integer on the component's service (a string ranking
 * is silently read as 0 by the framework). The database variants are applied too: only ConfigAdmin is checked for
 * them here, the PostgreSQL one is proven end to end by {@link JiraPostgresIT}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigSamplesIT extends ApiTokensTestSupport {

    static final String SIGNED_BUNDLE = OURS + "license-signed";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    @Test
    public void everySampleReachesItsComponentTyped() throws Exception {
        File[] samples = new File(requiredProperty("it.config-samples")).listFiles((d, n) -> n.endsWith(".cfg"));
        assertFalse("no config samples found", samples == null || samples.length == 0);
        Arrays.sort(samples);
        // the licensed builds' gate is not in the evaluation set: its sample needs the bundle, started
        shippedOrInstalled(SIGNED_BUNDLE, "license-signed").start();
        Set<String> designated = designatedPids();
        Path configDir = Path.of(context.getProperty("felix.fileinstall.dir"));

        List<String> problems = new ArrayList<>();
        for (File sample : samples) {
            String name = sample.getName();
            String pid = pidOf(name);
            if (!designated.contains(pid)) {
                problems.add(name + ": PID " + pid + " is designated by no Metatype of our bundles " + designated);
                continue;
            }
            try {
                String problem = applyAndCheck(sample.toPath(), pid, configDir.resolve(pid + ".cfg"));
                if (problem != null) {
                    problems.add(name + ": " + problem);
                }
            } catch (AssertionError e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " config samples are not applied as documented:\n  " + String.join("\n  ", problems));
        }
    }

    /** {@code a.b.c-variant.cfg} configures PID {@code a.b.c} (FileInstall would read it as a factory instance). */
    static String pidOf(String fileName) {
        String base = fileName.substring(0, fileName.length() - ".cfg".length());
        int dash = base.indexOf('-');
        return dash < 0 ? base : base.substring(0, dash);
    }

    /** Copies the sample in as {@code target}, checks what ConfigAdmin and the service got, puts back the old file. */
    private String applyAndCheck(Path sample, String pid, Path target) throws Exception {
        byte[] previous = Files.isRegularFile(target) ? Files.readAllBytes(target) : null;
        long changeCount = changeCount(pid);
        // a sample with the very values the file already had is no change: ConfigAdmin keeps its configuration
        boolean sameValues = previous != null && sameValues(previous, Files.readAllBytes(sample));
        Files.copy(sample, target, StandardCopyOption.REPLACE_EXISTING);
        try {
            await(() -> (sameValues || changeCount(pid) != changeCount) && properties(pid) != null,
                    () -> "FileInstall did not hand it to ConfigAdmin as PID " + pid + " (malformed?)");
            Dictionary<String, Object> properties = properties(pid);
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            if (ranking == null) {
                return null;
            }
            if (!(ranking instanceof Integer)) {
                return "service.ranking arrives in ConfigAdmin as " + ranking.getClass().getSimpleName() + " \""
                        + ranking + "\", not Integer: write it typed, service.ranking = I\"" + ranking + "\""
                        + " (and then every value typed)";
            }
            String filter = "(" + Constants.SERVICE_PID + "=" + pid + ")";
            await(() -> rankingOfService(filter) != null && rankingOfService(filter).equals(ranking),
                    () -> "no service with " + filter + " and service.ranking " + ranking + "; services: "
                            + rankingOfService(filter));
            return null;
        } finally {
            restore(pid, target, previous, Files.readAllBytes(sample));
        }
    }

    private void restore(String pid, Path target, byte[] previous, byte[] sample) throws IOException {
        // FileInstall reacts to the update it made itself (ConfigAdmin events, one poll later): a file changed
        // again before that is not seen, so let one poll pass (felix.fileinstall.poll is 1 s in these tests)
        sleep(1500);
        long changeCount = changeCount(pid);
        if (previous == null) {
            Files.deleteIfExists(target);
            // FileInstall deletes the configuration with its file, but not always when the same file name was
            // created and deleted seconds before; the next sample must start clean either way
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (properties(pid) != null && System.nanoTime() < deadline) {
                sleep(100);
            }
            org.osgi.service.cm.Configuration left = configuration(pid);
            if (left != null) {
                try {
                    left.delete();
                } catch (IllegalStateException deletedMeanwhile) {
                    // FileInstall was faster after all
                }
            }
        } else {
            Files.write(target, previous);
            Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis() + 1000));
            // a sample with the very values the file had is no change: ConfigAdmin is not updated for it
            if (!sameValues(previous, sample)) {
                await(() -> changeCount(pid) != changeCount, () -> "FileInstall did not restore PID " + pid);
            }
        }
        // ConfigAdmin tells FileInstall of the change asynchronously (it then writes or deletes the file it
        // knows): let that land before the next sample uses the same file name
        sleep(1500);
    }

    /** Whether two .cfg files give the same keys the same values (comments and order aside). */
    private static boolean sameValues(byte[] one, byte[] other) throws IOException {
        java.util.Properties a = new java.util.Properties();
        java.util.Properties b = new java.util.Properties();
        a.load(new java.io.ByteArrayInputStream(one));
        b.load(new java.io.ByteArrayInputStream(other));
        return a.equals(b);
    }

    /** The service.ranking of a service registered with this configuration, or null if there is none. */
    private Object rankingOfService(String filter) {
        try {
            ServiceReference<?>[] services = context.getServiceReferences((String) null, filter);
            return services == null ? null : services[0].getProperty(Constants.SERVICE_RANKING);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(filter + ": " + e, e);
        }
    }

    private Dictionary<String, Object> properties(String pid) {
        org.osgi.service.cm.Configuration c = configuration(pid);
        try {
            return c == null ? null : c.getProperties();
        } catch (IllegalStateException deletedMeanwhile) {
            return null;
        }
    }

    private long changeCount(String pid) {
        org.osgi.service.cm.Configuration c = configuration(pid);
        try {
            return c == null ? -1 : c.getChangeCount();
        } catch (IllegalStateException deletedMeanwhile) {
            return -1;
        }
    }

    private org.osgi.service.cm.Configuration configuration(String pid) {
        try {
            org.osgi.service.cm.Configuration[] found = service(ConfigurationAdmin.class)
                    .listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return found == null ? null : found[0];
        } catch (Exception e) {
            throw new AssertionError("ConfigAdmin look-up of " + pid + ": " + e, e);
        }
    }

    /** Every PID the Metatype of one of our bundles designates. */
    private Set<String> designatedPids() {
        MetaTypeService metatype = service(MetaTypeService.class);
        Set<String> pids = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(OURS)) {
                MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
                if (information != null) {
                    pids.addAll(Arrays.asList(information.getPids()));
                }
            }
        }
        return pids;
    }
}
