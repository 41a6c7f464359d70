package com.atlassian.upm.api.license.entity;

/**
 * Declaration of UPM's license error. The adapter never names a constant (it reads {@code toString()}), so only
 * the constants the simulated host in tests uses are declared.
 *
 * <p>Declared from: https://developer.atlassian.com/platform/marketplace/server-app-license-validation-rules (the
 * conditions "Expired", "User mismatch", ...). The identifiers {@code EXPIRED} and {@code USER_MISMATCH} are
 * inferred from those headings, not seen as code: see host-apis/README.md. Compile-only: never packaged.
 */
public enum LicenseError {
    EXPIRED, USER_MISMATCH, TYPE_MISMATCH
}
