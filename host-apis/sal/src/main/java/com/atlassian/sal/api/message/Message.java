package com.atlassian.sal.api.message;

import java.io.Serializable;

/**
 * Declaration of SAL's message, the first argument of {@code Authenticator.Result.Success(Message, Principal)}.
 *
 * <p>Declared from: https://docs.atlassian.com/sal-parent/3.0.0/apidocs/com/atlassian/sal/api/auth/Authenticator.Result.Success.html
 * (the parameter type). Its methods ({@code getKey()}, {@code getArguments()}) were not seen on a page here: see
 * host-apis/README.md. Compile-only: never packaged into a plugin jar.
 */
public interface Message {

    String getKey();

    Serializable[] getArguments();
}
