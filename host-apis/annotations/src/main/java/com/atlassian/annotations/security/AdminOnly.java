package com.atlassian.annotations.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declaration of the Platform 7 access criterion {@code AdminOnly}: "permits access only to users with admin privileges: the admin page".
 *
 * <p>Declared from: https://developer.atlassian.com/platform/marketplace/dc-apps-platform-7-preparing-for-secure-endpoints/
 * (the criterion's name and meaning, and that it "also extends to Servlet and Servlet Filter endpoints"). The
 * package {@code com.atlassian.annotations.security}, the retention and the targets were not seen on a page here:
 * see host-apis/README.md. Compile-only: never packaged into a plugin jar.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface AdminOnly {
}
