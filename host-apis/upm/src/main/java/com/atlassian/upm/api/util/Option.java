package com.atlassian.upm.api.util;

import java.util.NoSuchElementException;

/**
 * Declaration of UPM's option type: {@code isDefined()} and {@code get()}, as the licensing API returns it.
 *
 * <p>Declared from: https://developer.atlassian.com/platform/marketplace/server-app-license-validation-rules
 * (the sample {@code licenseManager.getLicense().isDefined()}, {@code .get()}, {@code license.getError().isDefined()}).
 * The package name {@code com.atlassian.upm.api.util} was not seen on a page here: see host-apis/README.md.
 * Compile-only: never packaged into a plugin jar.
 */
public abstract class Option<A> {

    Option() {
    }

    public abstract boolean isDefined();

    public abstract A get();

    /** Used only by the simulated host in tests (the real class has its own factories). */
    public static <A> Option<A> some(A value) {
        return new Option<>() {
            @Override
            public boolean isDefined() {
                return true;
            }

            @Override
            public A get() {
                return value;
            }
        };
    }

    /** Used only by the simulated host in tests. */
    public static <A> Option<A> none() {
        return new Option<>() {
            @Override
            public boolean isDefined() {
                return false;
            }

            @Override
            public A get() {
                throw new NoSuchElementException();
            }
        };
    }
}
