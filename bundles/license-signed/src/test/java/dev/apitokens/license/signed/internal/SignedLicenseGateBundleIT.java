package dev.apitokens.license.signed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.EdECPublicKey;
import java.util.Collections;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the bundle bnd built: DS wiring, Metatype, the embedded vendor public key, and the manifest. */
class SignedLicenseGateBundleIT {

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("PRIVATE KEY-----\\s*[A-Za-z0-9+/]{16}");
    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(System.getProperty("bundle.jar"));
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void componentIsConfiguredByItsPidAndUsesTheHostOptionally() throws IOException {
        String xml = entry("OSGI-INF/" + SignedLicenseGate.class.getName() + ".xml");

        assertTrue(xml.contains("configuration-pid=\"dev.apitokens.license.signed\""), xml);
        assertTrue(xml.contains("<provide interface=\"dev.apitokens.spi.LicenseGate\"/>"), xml);
        assertTrue(xml.contains("<property name=\"service.ranking\" type=\"Integer\" value=\"0\"/>"), xml);
        assertTrue(xml.matches("(?s).*<reference name=\"hostUsers\" cardinality=\"0\\.\\.1\" policy=\"dynamic\""
                + " interface=\"dev\\.apitokens\\.host\\.spi\\.HostUsers\".*"), xml);
        assertTrue(xml.contains("modified=\"modified\""), "reconfiguration must not re-register the service");
    }

    @Test
    void metatypeDocumentsEveryKnob() throws IOException {
        String xml = entry("OSGI-INF/metatype/" + SignedLicenseGate.Config.class.getName() + ".xml");

        for (String id : new String[] { "licenseKey", "publicKey", "userCountCacheSeconds", "service.ranking" }) {
            assertTrue(xml.contains("<AD id=\"" + id + "\""), id + " in " + xml);
        }
        assertTrue(xml.contains("<Designate pid=\"dev.apitokens.license.signed\">"), xml);
        assertTrue(xml.contains("id=\"licenseKey\" type=\"Password\""), "the key is masked in admin consoles");
    }

    @Test
    void embeddedVendorKeyIsAnEd25519PublicKeyAndNoPrivateKeyShips() throws IOException {
        String pem = entry("dev/apitokens/license/signed/internal/" + SignedLicenseGate.BUILT_IN_PUBLIC_KEY);

        EdECPublicKey key = (EdECPublicKey) Ed25519Pem.readPublic(pem);
        assertEquals("Ed25519", key.getParams().getName());
        for (JarEntry e : Collections.list(jar.entries())) {
            assertFalse(e.getName().contains("private"), e.getName());
            if (!e.isDirectory()) {
                String text = new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                assertFalse(PEM_PRIVATE_KEY.matcher(text).find(), e.getName());
            }
        }
    }

    @Test
    void exportsNothing() throws IOException {
        Attributes manifest = jar.getManifest().getMainAttributes();

        assertEquals("dev.apitokens.license-signed", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        assertEquals("dev.apitokens.license.signed.internal", manifest.getValue("Private-Package"));
    }

    private static String entry(String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertNotNull(entry, name + " missing from the bundle");
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
