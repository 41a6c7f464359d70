package dev.apitokens.license.signed.internal;

/**
 * A license key was refused. The message is meant for administrators and never contains key material.
 */
public class InvalidLicenseKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a key was refused. */
    public enum Problem {
        /** Not in the license key format, or signed but unreadable. */
        MALFORMED,
        /** Well-formed, but not signed by the vendor key (altered, or issued under another key). */
        BAD_SIGNATURE
    }

    private final Problem problem;

    public InvalidLicenseKeyException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
