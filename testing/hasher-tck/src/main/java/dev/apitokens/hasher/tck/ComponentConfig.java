package dev.apitokens.hasher.tck;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * An instance of a component's configuration annotation (its nested {@code @ObjectClassDefinition Config}) as
 * Declarative Services would pass it: every attribute at its declared default unless overridden. Lets a test or a
 * benchmark construct a DS component outside a framework without repeating its defaults.
 */
public final class ComponentConfig {

    private ComponentConfig() {
    }

    /** The configuration with all defaults. */
    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }

    /**
     * The configuration with some attributes overridden.
     *
     * @param overrides attribute values by method name (e.g. {@code "memory_kib"}), of the method's return type
     * @throws IllegalArgumentException if an override names no attribute of {@code type}
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> overrides) {
        for (String name : overrides.keySet()) {
            try {
                type.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no attribute " + name, e);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer(type, overrides, self, method, args));
        return type.cast(proxy);
    }

    private static Object answer(Class<?> type, Map<String, ?> overrides, Object self, Method method, Object[] args) {
        switch (method.getName()) {
            case "annotationType":
                return type;
            case "toString":
                return "@" + type.getName() + overrides;
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            default:
                if (overrides.containsKey(method.getName())) {
                    return overrides.get(method.getName());
                }
                Object value = method.getDefaultValue();
                if (value == null) {
                    throw new IllegalStateException(type.getName() + "." + method.getName() + " has no default");
                }
                return value;
        }
    }
}
