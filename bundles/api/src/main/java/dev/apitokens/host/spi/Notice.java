package dev.apitokens.host.spi;

import java.util.Objects;

/**
 * A message about a user's tokens (one expires soon, was created, was revoked by someone else), as plain text. It
 * never holds a secret or a hash: tokens are named by label and public id.
 *
 * @param subject one line, e.g. {@code Your API token "Jenkins" expires in 7 days}
 * @param text the body, plain text with {@code \n} line breaks
 * @since 1.1.0
 */
public record Notice(String subject, String text) {

    public Notice {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a notice subject is one line");
        }
    }
}
