package dev.apitokens.license.unlimited.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** Checks the bundle bnd built: the gate's DS descriptor ranks it lowest, and nothing is exported. */
class UnlimitedLicenseGateBundleIT {

    private static final String DESCRIPTOR = "OSGI-INF/" + UnlimitedLicenseGate.class.getName() + ".xml";

    @Test
    void registersLicenseGateWithLowestRanking() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("bundle.jar"))) {
            ZipEntry entry = jar.getEntry(DESCRIPTOR);
            assertNotNull(entry, DESCRIPTOR + " missing from the bundle");
            String xml = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(xml.contains("interface=\"dev.apitokens.spi.LicenseGate\""), xml);
            Matcher ranking = Pattern.compile("<property name=\"service.ranking\"([^>]*)/>").matcher(xml);
            assertTrue(ranking.find(), "no service.ranking property in " + xml);
            assertTrue(ranking.group(1).contains("type=\"Integer\""), ranking.group());
            assertTrue(ranking.group(1).contains("value=\"" + Integer.MIN_VALUE + "\""), ranking.group());

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.apitokens.license-unlimited", manifest.getValue("Bundle-SymbolicName"));
            assertEquals(DESCRIPTOR, manifest.getValue("Service-Component"));
            assertNull(manifest.getValue("Export-Package"), "an implementation bundle exports nothing");
        }
    }
}
