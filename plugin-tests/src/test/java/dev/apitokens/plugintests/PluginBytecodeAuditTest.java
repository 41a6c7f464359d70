package dev.apitokens.plugintests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.Type;

/**
 * The bytecode audit of each built plugin jar: every host class and member its classes reference is in the reviewed
 * list ({@code src/test/resources/<artifactId>.host-references.txt}, each line checked by hand against the javadoc
 * URL that host-apis/README.md gives), the list holds nothing the jar does not reference, every listed reference
 * exists in the declaration modules (host-apis, on this test's class path), and no declaration class is inside the
 * jar.
 */
class PluginBytecodeAuditTest {

    static List<PluginJar> plugins() {
        return PluginJar.both();
    }

    private static Set<String> reviewed(PluginJar plugin) throws IOException {
        String name = plugin.artifactId() + ".host-references.txt";
        try (InputStream in = PluginBytecodeAuditTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                fail("no reviewed list " + name);
            }
            Set<String> lines = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void noDeclarationClassIsInTheJar(PluginJar plugin) throws IOException {
        try (JarFile jar = plugin.open()) {
            List<String> host = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(HostReferences.HOST)).toList();
            assertEquals(List.of(), host, "host classes must come from the host, never from the jar");
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void everyHostReferenceIsReviewed(PluginJar plugin) throws IOException {
        Set<String> actual;
        try (JarFile jar = plugin.open()) {
            actual = HostReferences.of(jar);
        }
        Set<String> reviewed = reviewed(plugin);
        Set<String> unreviewed = new TreeSet<>(actual);
        unreviewed.removeAll(reviewed);
        Set<String> unused = new TreeSet<>(reviewed);
        unused.removeAll(actual);
        assertTrue(unreviewed.isEmpty() && unused.isEmpty(), "references not in the reviewed list:\n"
                + String.join("\n", unreviewed) + "\nreviewed but no longer referenced:\n" + String.join("\n", unused));
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void everyReviewedReferenceIsDeclared(PluginJar plugin) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String line : reviewed(plugin)) {
            if (!declared(line)) {
                missing.add(line);
            }
        }
        assertEquals(List.of(), missing, "reviewed references the declaration modules do not declare");
    }

    private static boolean declared(String line) throws ClassNotFoundException {
        String[] parts = line.split(" ", 2);
        String rest = parts[1];
        switch (parts[0]) {
            case "class":
                Class.forName(rest, false, loader());
                return true;
            case "method": {
                int paren = rest.indexOf('(');
                String owner = rest.substring(0, rest.lastIndexOf('.', paren));
                String name = rest.substring(owner.length() + 1, paren);
                String descriptor = rest.substring(paren);
                return hasMethod(Class.forName(owner, false, loader()), name, descriptor);
            }
            case "field": {
                String[] member = rest.split(" ");
                String owner = member[0].substring(0, member[0].lastIndexOf('.'));
                String name = member[0].substring(owner.length() + 1);
                for (Field field : Class.forName(owner, false, loader()).getFields()) {
                    if (field.getName().equals(name) && Type.getDescriptor(field.getType()).equals(member[1])) {
                        return true;
                    }
                }
                return false;
            }
            default:
                throw new IllegalArgumentException(line);
        }
    }

    private static boolean hasMethod(Class<?> owner, String name, String descriptor) {
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (Type.getConstructorDescriptor(constructor).equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
                    return true;
                }
            }
        }
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    private static ClassLoader loader() {
        return PluginBytecodeAuditTest.class.getClassLoader();
    }
}
