package dev.apitokens.housekeeping.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.Notice;
import dev.apitokens.spi.StoredToken;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The texts of the notices to token owners. They name tokens by label and public id only: the secret is never
 * known here, and the hash is never written.
 */
final class NoticeTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int SUBJECT_LABEL = 60;
    private static final String FOOTER = "\n\nThis is an automatic notice from API tokens; you cannot reply to it.\n";

    private NoticeTexts() {
    }

    static Notice expiresSoon(HostUser user, StoredToken token, Instant now) {
        long days = Math.max(1, (Duration.between(now, token.expiresAt()).toHours() + 23) / 24);
        String when = days == 1 ? "within a day" : "in " + days + " days";
        return new Notice("Your API token " + quoted(token.label(), SUBJECT_LABEL) + " expires " + when,
                greeting(user) + "your API token " + quoted(token.label(), Integer.MAX_VALUE) + " (id "
                        + token.publicId() + ") expires on " + TIME.format(token.expiresAt()) + ".\n"
                        + "Scripts that use it will be refused from then on. Create a new token on your profile "
                        + "page and put it in their place before that." + FOOTER);
    }

    static Notice expired(HostUser user, StoredToken token) {
        return new Notice("Your API token " + quoted(token.label(), SUBJECT_LABEL) + " has expired",
                greeting(user) + "your API token " + quoted(token.label(), Integer.MAX_VALUE) + " (id "
                        + token.publicId() + ") expired on " + TIME.format(token.expiresAt()) + ".\n"
                        + "Requests with it are refused. Create a new token on your profile page if you still "
                        + "need one." + FOOTER);
    }

    static Notice created(HostUser user, String tokenId, String label, Instant at, String creator) {
        String by = creator == null || creator.equals(user.name()) ? "" : " by " + creator;
        return new Notice("A new API token " + quoted(label, SUBJECT_LABEL) + " was created for your account",
                greeting(user) + "a new API token " + quoted(label, Integer.MAX_VALUE) + " (id " + tokenId
                        + ") was created for your account" + by + " on " + TIME.format(at) + ".\n"
                        + "If you did not expect this, revoke it on your profile page and change your password."
                        + FOOTER);
    }

    static Notice revokedByAdmin(HostUser user, String tokenId, Instant at) {
        return new Notice("Your API token " + tokenId + " was revoked by an administrator",
                greeting(user) + "an administrator revoked your API token with id " + tokenId + " on "
                        + TIME.format(at) + ".\nRequests with it are refused from now on." + FOOTER);
    }

    static Notice pruned(HostUser user, String tokenId, Instant at, String reason) {
        return new Notice("Your API token " + tokenId + " was revoked",
                greeting(user) + "your API token with id " + tokenId + " was revoked automatically on "
                        + TIME.format(at) + (reason == null ? "" : ": " + reason) + ".\n"
                        + "Requests with it are refused from now on. Create a new token on your profile page if "
                        + "you still need one." + FOOTER);
    }

    static Notice leaked(HostUser user, String tokenId, Instant at) {
        return new Notice("Your API token " + tokenId + " was revoked: an old secret of it was used",
                greeting(user) + "on " + TIME.format(at) + " a request presented a secret your API token with id "
                        + tokenId + " had before it was rotated. Someone else may hold it, so the token was revoked."
                        + "\nRequests with it are refused from now on. Create a new token on your profile page, and "
                        + "find where the old secret was kept." + FOOTER);
    }

    private static String greeting(HostUser user) {
        return "Hello " + user.displayName() + ",\n\n";
    }

    private static String quoted(String label, int max) {
        String text = label == null ? "" : label;
        return "\"" + (text.length() > max ? text.substring(0, max - 3) + "..." : text) + "\"";
    }
}
