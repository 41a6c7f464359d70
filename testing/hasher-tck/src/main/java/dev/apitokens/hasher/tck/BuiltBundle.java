package dev.apitokens.hasher.tck;

import dev.apitokens.spi.Hasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;


/**
 * The bundle jar bnd built, for an integration test ({@code *IT}, run by failsafe after packaging) that checks
 * how a component will be registered and what the bundle imports and exports.
 */
public final class BuiltBundle {

    /** How a component will be registered, read from its Declarative Services descriptor. */
    public record Component(String configurationPid, List<String> services, Map<String, Object> properties) {
    }

    private final Path jar;

    private BuiltBundle(Path jar) {
        this.jar = jar;
    }

    /** The jar named by the system property {@code bundle.jar} (set by the module's failsafe configuration). */
    public static BuiltBundle fromSystemProperty() {
        String path = System.getProperty("bundle.jar");
        if (path == null) {
            throw new IllegalStateException("system property bundle.jar is not set: run this test with failsafe");
        }
        return new BuiltBundle(Path.of(path));
    }

    /** A main manifest header, or {@code null}. */
    public String header(String name) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            return main.getValue(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the jar holds this entry, e.g. {@code org/bouncycastle/crypto/generators/BCrypt.class}. */
    public boolean contains(String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A hasher component loaded from this jar in isolation (see {@link IsolatedHasher}), to run the
     * {@link HasherContract} against the classes the bundle really contains.
     *
     * @param config configuration overrides by attribute method name; the rest stay at their defaults
     */
    public Hasher hasher(Class<?> component, Map<String, ?> config) {
        return IsolatedHasher.load(jar, component.getName(), config);
    }

    /** The DS descriptor of {@code component} ({@code OSGI-INF/<class name>.xml}). */
    public Component component(Class<?> component) {
        String entry = "OSGI-INF/" + component.getName() + ".xml";
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry zip = file.getEntry(entry);
            if (zip == null) {
                throw new IllegalStateException(entry + " is not in " + jar);
            }
            try (InputStream in = file.getInputStream(zip)) {
                return parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + entry, e);
        }
    }

    private static Component parse(InputStream in) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(in);
        List<String> services = new ArrayList<>();
        NodeList provides = xml.getElementsByTagName("provide");
        for (int i = 0; i < provides.getLength(); i++) {
            services.add(((Element) provides.item(i)).getAttribute("interface"));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        NodeList props = xml.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element property = (Element) props.item(i);
            String value = property.getAttribute("value");
            properties.put(property.getAttribute("name"),
                    "Integer".equals(property.getAttribute("type")) ? (Object) Integer.valueOf(value) : value);
        }
        return new Component(xml.getDocumentElement().getAttribute("configuration-pid"), services, properties);
    }
}
