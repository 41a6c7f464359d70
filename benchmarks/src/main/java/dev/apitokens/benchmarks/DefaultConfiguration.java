package dev.apitokens.benchmarks;

import java.lang.reflect.Proxy;

/**
 * A component's configuration annotation with every attribute at its declared default, as Declarative Services
 * passes it when no configuration exists, so the benchmarks measure components exactly as they ship.
 */
public final class DefaultConfiguration {

    private DefaultConfiguration() {
    }

    public static <A> A of(Class<A> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                case "toString":
                    return "@" + type.getName() + "(defaults)";
                default:
                    return method.getDefaultValue();
            }
        }));
    }
}
