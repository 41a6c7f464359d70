package dev.apitokens.housekeeping.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.Notice;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import dev.apitokens.store.ao.SentNotices;

/**
 * The expiry notices: for each configured number of days N, owners of tokens that expire within N days (and not
 * within the next smaller number) get one notice, and owners of tokens that expired in the last
 * {@value #EXPIRED_LOOKBACK_DAYS} days get one more. Each notice is claimed in {@link SentNotices} before it is
 * sent, so it goes out once in the cluster however often and on however many nodes this runs; a notice the host
 * could not hand over is unclaimed and tried again on the next run.
 */
final class ExpiryNotices {

    /** How far back an expiry still gets its notice (a node down over the moment of expiry catches up). */
    static final int EXPIRED_LOOKBACK_DAYS = 7;
    private static final int PAGE = 200;
    /** Keys this node already handled, so that frequent runs do not re-claim them in the database. */
    private static final int REMEMBERED = 50_000;

    private final TokenStore store;
    private final SentNotices sent;
    private final Notifier notifier;
    private final int[] daysBefore;
    private final boolean onExpiry;
    private final Set<String> handled = new LinkedHashSet<>();

    ExpiryNotices(TokenStore store, SentNotices sent, Notifier notifier, int[] daysBefore, boolean onExpiry) {
        this.store = store;
        this.sent = sent;
        this.notifier = notifier;
        this.daysBefore = Arrays.stream(daysBefore).filter(d -> d > 0).distinct().sorted().toArray();
        this.onExpiry = onExpiry;
    }

    /** Sends what is due at {@code now}; returns how many notices were sent. */
    int run(Instant now) {
        int count = 0;
        int previous = 0;
        for (int days : daysBefore) {
            String kind = "expires-" + days + "d";
            count += notify(kind, now.plus(Duration.ofDays(previous)), now.plus(Duration.ofDays(days)), now,
                    (user, token) -> NoticeTexts.expiresSoon(user, token, now));
            previous = days;
        }
        if (onExpiry) {
            count += notify("expired", now.minus(Duration.ofDays(EXPIRED_LOOKBACK_DAYS)), now, now,
                    NoticeTexts::expired);
        }
        return count;
    }

    private int notify(String kind, Instant from, Instant to, Instant now,
            BiFunction<HostUser, StoredToken, Notice> text) {
        int count = 0;
        long after = 0;
        List<StoredToken> page;
        do {
            page = store.findExpiring(from, to, after, PAGE);
            for (StoredToken token : page) {
                after = token.storeId();
                String key = kind + ":" + token.publicId() + ":" + token.expiresAt().toEpochMilli();
                if (handled.contains(key) || !sent.claim(key, now.toEpochMilli())) {
                    remember(key);
                    continue;
                }
                Notifier.Outcome outcome = notifier.send(kind, token.publicId(), token.userKey(),
                        user -> text.apply(user, token));
                if (outcome == Notifier.Outcome.FAILED) {
                    sent.unclaim(key);
                } else {
                    remember(key);
                    count += outcome == Notifier.Outcome.SENT ? 1 : 0;
                }
            }
        } while (page.size() == PAGE);
        return count;
    }

    private void remember(String key) {
        if (handled.size() >= REMEMBERED) {
            handled.clear();
        }
        handled.add(key);
    }
}
