package dev.apitokens.hasher.tck;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/**
 * A hasher component loaded from the built bundle jar in a class loader that sees only that jar, the API jar,
 * slf4j-api and the JDK, the way its bundle's imports will at runtime. Running the {@link HasherContract} on it
 * proves that every class the hasher needs is in the bundle (e.g. embedded Bouncy Castle packages) and not only on
 * the test class path. Calls are forwarded by reflection; stored hashes cross loaders as their PHC text.
 */
final class IsolatedHasher implements Hasher {

    private final Object component;
    private final Method algorithm;
    private final Method hash;
    private final Method verify;
    private final Method needsRehash;
    private final Method parse;

    private IsolatedHasher(Object component, ClassLoader loader) throws ReflectiveOperationException {
        this.component = component;
        Class<?> hasherType = loader.loadClass(Hasher.class.getName());
        Class<?> phcType = loader.loadClass(PhcString.class.getName());
        this.algorithm = hasherType.getMethod("algorithm");
        this.hash = hasherType.getMethod("hash", byte[].class);
        this.verify = hasherType.getMethod("verify", byte[].class, phcType);
        this.needsRehash = hasherType.getMethod("needsRehash", phcType);
        this.parse = phcType.getMethod("parse", String.class);
    }

    /** Loads and constructs {@code componentClass} with its configuration defaults and {@code config} overrides. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Hasher load(Path bundleJar, String componentClass, Map<String, ?> config) {
        try {
            List<URL> urls = new ArrayList<>(List.of(bundleJar.toUri().toURL(), codeSource(Hasher.class)));
            try {
                urls.add(codeSource(Class.forName("org.slf4j.LoggerFactory")));
            } catch (ClassNotFoundException e) {
                // the hasher does not log through slf4j
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(componentClass);
            Constructor<?> constructor = type.getConstructors()[0];
            Class configType = constructor.getParameterTypes()[0];
            Annotation configuration = ComponentConfig.of(configType, config);
            return new IsolatedHasher(constructor.newInstance(configuration), loader);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException | MalformedURLException e) {
            throw new IllegalStateException("cannot load " + componentClass + " from " + bundleJar, e);
        }
    }

    @Override
    public String algorithm() {
        return (String) call(algorithm);
    }

    @Override
    public String hash(byte[] secret) {
        return (String) call(hash, (Object) secret);
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        return (Boolean) call(verify, secret, stored == null ? null : call(parse, stored.toString()));
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return (Boolean) call(needsRehash, call(parse, stored.toString()));
    }

    private Object call(Method method, Object... args) {
        try {
            return method.invoke(method == parse ? null : component, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static URL codeSource(Class<?> type) throws MalformedURLException {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
