package dev.apitokens.plugintests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The {@code atlassian-plugin.xml} of each built plugin jar, parsed and checked against the jar itself. */
class PluginDescriptorTest {

    static List<PluginJar> plugins() {
        return PluginJar.both();
    }

    private static Element descriptor(JarFile jar) throws Exception {
        byte[] xml = PluginJar.entry(jar, "atlassian-plugin.xml");
        assertNotNull(xml, "atlassian-plugin.xml at the root of the jar");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    private static List<Element> modules(Element root) {
        List<Element> modules = new ArrayList<>();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && !element.getTagName().equals("plugin-info")) {
                modules.add(element);
            }
        }
        return modules;
    }

    private static List<Element> all(Element root, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<String> patterns(Element module) {
        return all(module, "url-pattern").stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static Element moduleWithClass(Element root, String tag, String className) {
        return all(root, tag).stream().filter(e -> e.getAttribute("class").equals(className)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + "> with class " + className));
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void keyAndVersionMatchTheManifest(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            Element root = descriptor(jar);
            Attributes manifest = PluginJar.manifest(jar).getMainAttributes();
            assertEquals("dev.apitokens." + plugin.artifactId(), root.getAttribute("key"));
            assertEquals(root.getAttribute("key"), manifest.getValue("Atlassian-Plugin-Key"));
            assertEquals(root.getAttribute("key"), manifest.getValue("Bundle-SymbolicName"));
            Element info = all(root, "plugin-info").get(0);
            String version = all(info, "version").get(0).getTextContent().trim();
            assertFalse(version.contains("${"), "the version is filtered in: " + version);
            assertEquals(manifest.getValue("Bundle-Version"), version.replace('-', '.'));
            assertFalse(all(info, "vendor").get(0).getAttribute("name").isBlank(), "a vendor");
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void everyNamedClassIsInTheJarAndKeysAreUnique(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            Element root = descriptor(jar);
            Set<String> keys = new HashSet<>();
            List<String> classes = new ArrayList<>();
            for (Element module : modules(root)) {
                assertFalse(module.getAttribute("key").isBlank(), "<" + module.getTagName() + "> has a key");
                assertTrue(keys.add(module.getAttribute("key")), "module key used twice: " + module.getAttribute("key"));
                if (module.hasAttribute("class")) {
                    classes.add(module.getAttribute("class"));
                }
            }
            all(root, "entity").forEach(e -> classes.add(e.getTextContent().trim()));
            assertTrue(classes.size() >= 6, "module and entity classes: " + classes);
            for (String name : classes) {
                assertNotNull(jar.getJarEntry(name.replace('.', '/') + ".class"), name + " is in the jar");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void everyResourceIsInTheJar(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            List<Element> resources = all(descriptor(jar), "resource");
            assertFalse(resources.isEmpty());
            for (Element resource : resources) {
                assertNotNull(jar.getJarEntry(resource.getAttribute("location")),
                        resource.getAttribute("location") + " is in the jar");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void activeObjectsNamespaceHashesToTheOriginalTablePrefix(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            List<Element> ao = all(descriptor(jar), "ao");
            assertEquals(1, ao.size(), "one <ao> module");
            String namespace = ao.get(0).getAttribute("namespace");
            byte[] md5 = MessageDigest.getInstance("MD5").digest(namespace.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().withUpperCase().formatHex(md5);
            assertEquals(plugin.tablePrefix(), hex.substring(hex.length() - 6), "MD5 of " + namespace);
            // the SQL paths of the store use the same prefix: its class holds the table name as a constant
            byte[] store = PluginJar.entry(jar, plugin.storeClass().replace('.', '/') + ".class");
            assertNotNull(store, plugin.storeClass());
            assertTrue(new String(store, StandardCharsets.ISO_8859_1).contains("AO_" + plugin.tablePrefix()),
                    plugin.storeClass() + " names AO_" + plugin.tablePrefix());
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void tokenFilterRunsBeforeLoginOnRestAndTheApiKeepsItsPath(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            Element root = descriptor(jar);
            Element filter = moduleWithClass(root, "servlet-filter", "dev.apitokens.sal.host.modules.TokenFilterModule");
            assertEquals("before-login", filter.getAttribute("location"));
            assertEquals(List.of("/rest/*"), patterns(filter));
            Element api = all(root, "servlet-filter").stream().filter(e -> e.getAttribute("key").equals("token-rest-api"))
                    .findFirst().orElseThrow();
            assertEquals("dev.apitokens.sal.host.modules.ServletFilterModule", api.getAttribute("class"));
            assertTrue(api.getTextContent().contains("dev.apitokens.rest.internal.TokensServlet"), "the REST component");
            assertEquals("before-dispatch", api.getAttribute("location"));
            assertTrue(patterns(api).contains("/rest/api-tokens/latest/*"), patterns(api).toString());
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void manifestExportsNothingAndRangesTheHostPackages(PluginJar plugin) throws Exception {
        try (JarFile jar = plugin.open()) {
            Attributes manifest = PluginJar.manifest(jar).getMainAttributes();
            assertNull(manifest.getValue("Export-Package"), "the plugin exports nothing");
            assertEquals("dev.apitokens.sal.host.modules.PluginActivators", manifest.getValue("Bundle-Activator"));
            assertEquals("org.apache.felix.eventadmin.impl.Activator, org.apache.felix.scr.impl.Activator",
                    manifest.getValue("ApiTokens-Activators"), "Event Admin first, so SCR's components find it");
            for (String activator : manifest.getValue("ApiTokens-Activators").split(",\\s*")) {
                assertNotNull(jar.getJarEntry(activator.replace('.', '/') + ".class"), activator + " is in the jar");
            }
            String imports = manifest.getValue("Import-Package");
            assertFalse(imports.contains("org.osgi.service.event"), "the plugin's Event Admin is its own: " + imports);
            for (String clause : imports.split(",(?=[a-z])")) {
                if (clause.startsWith("com.atlassian.") && !clause.startsWith("com.atlassian.annotations")) {
                    assertTrue(clause.contains("version=\"["), "a version range: " + clause);
                }
            }
        }
    }
}
