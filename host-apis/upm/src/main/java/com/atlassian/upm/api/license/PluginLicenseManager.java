package com.atlassian.upm.api.license;

import com.atlassian.upm.api.license.entity.PluginLicense;
import com.atlassian.upm.api.util.Option;

/**
 * Declaration of UPM's plugin license manager: {@code getLicense()}, the license of the calling app, if any.
 *
 * <p>Declared from: https://developer.atlassian.com/platform/marketplace/server-app-license-validation-rules
 * ("implement your own license enforcement behavior through the PluginLicenseManager class ... the getLicense()
 * method") and https://developer.atlassian.com/platform/marketplace/license-api-for-server-apps/ (the package
 * {@code com.atlassian.upm.api.license}). Compile-only: never packaged into a plugin jar.
 */
public interface PluginLicenseManager {

    Option<PluginLicense> getLicense();
}
