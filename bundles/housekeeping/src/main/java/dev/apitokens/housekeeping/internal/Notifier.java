package dev.apitokens.housekeeping.internal;

import dev.apitokens.host.spi.HostNotices;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.Notice;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a notice about a token to the host's {@link HostNotices} for its owner, with the configured administrator
 * copies; owners without an e-mail address (or unknown to the host) are skipped with a log line.
 */
final class Notifier {

    /** What became of a notice. */
    enum Outcome {
        SENT,
        /** Not sent and never will be: the owner has no address or is gone. */
        SKIPPED,
        /** Not handed over now (no delivery service, mail server down): may be tried again. */
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final HostUsers users;
    private final Supplier<HostNotices> delivery;
    private final List<String> copies;

    Notifier(HostUsers users, Supplier<HostNotices> delivery, List<String> copies) {
        this.users = users;
        this.delivery = delivery;
        this.copies = List.copyOf(copies);
    }

    /** Whether the host delivers notices at all now. */
    boolean canDeliver() {
        return delivery.get() != null;
    }

    /**
     * Sends the notice {@code kind} about token {@code tokenId} to the user with {@code userKey}.
     *
     * @param text the notice for the user, as the host knows them
     */
    Outcome send(String kind, String tokenId, String userKey, Function<HostUser, Notice> text) {
        HostNotices notices = delivery.get();
        if (notices == null) {
            return Outcome.FAILED;
        }
        Optional<HostUser> found = users.findByKey(userKey);
        if (found.isEmpty()) {
            LOG.info("API token notice {} about token {} not sent: user {} is unknown to the host", kind, tokenId,
                    userKey);
            return Outcome.SKIPPED;
        }
        HostUser user = found.get();
        if (user.email() == null) {
            LOG.info("API token notice {} about token {} not sent: user {} has no e-mail address", kind, tokenId,
                    user.name());
            return Outcome.SKIPPED;
        }
        try {
            notices.send(user, copies, text.apply(user));
            LOG.info("API token notice {} about token {} sent to user {}{}", kind, tokenId, user.name(),
                    copies.isEmpty() ? "" : " and " + copies.size() + " admin copies");
            return Outcome.SENT;
        } catch (IllegalArgumentException e) {
            LOG.warn("API token notice {} about token {} not sent to user {}: {}", kind, tokenId, user.name(),
                    e.getMessage());
            return Outcome.SKIPPED;
        } catch (RuntimeException e) {
            LOG.warn("API token notice {} about token {} could not be sent to user {} now, will retry: {}", kind,
                    tokenId, user.name(), e.getMessage());
            return Outcome.FAILED;
        }
    }
}
