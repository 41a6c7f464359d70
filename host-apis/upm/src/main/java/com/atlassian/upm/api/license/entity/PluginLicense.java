package com.atlassian.upm.api.license.entity;

import com.atlassian.upm.api.util.Option;

/**
 * Declaration of UPM's plugin license: {@code getError()} (empty when the license is valid).
 *
 * <p>Declared from: https://developer.atlassian.com/platform/marketplace/server-app-license-validation-rules
 * ("You can check the license validity using the getError() method"; "If there are no error conditions, the license
 * is valid"). The package {@code ...license.entity} was not seen on a page here: see host-apis/README.md.
 * Compile-only: never packaged into a plugin jar.
 */
public interface PluginLicense {

    Option<LicenseError> getError();
}
