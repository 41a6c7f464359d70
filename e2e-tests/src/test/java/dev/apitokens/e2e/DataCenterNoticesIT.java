package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Once per cluster, end to end: two Jira nodes ({@link TwoJiraNodes}) on one PostgreSQL database, both mailing
 * through one real SMTP server (GreenMail), both checking every second for the housekeeping lease. A token that
 * expires within a day gets exactly one expiry mail in the whole cluster, also after the lease moved to the other
 * node (whose memory of sent notices is empty: only the shared {@code AO_5D4005_NOTICE} record stops it).
 */
class DataCenterNoticesIT {

    private static final String DATABASE = "apitokens_e2e_dc_notices";
    private static final String API = "/rest/api-tokens/latest/";
    private static final String USER = "alice";
    private static final String USER_PASSWORD = "alice-password-dcn";
    private static final String EXPIRY = "Your API token \"soon\" expires within a day";

    private GreenMail smtp;
    private TwoJiraNodes cluster;

    @AfterEach
    void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    @Test
    void aTokenExpiringSoonGetsExactlyOneMailFromTwoNodes() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        cluster = TwoJiraNodes.start(DATABASE, USER, USER_PASSWORD, Map.of(
                "dev.apitokens.host.standalone.mail", Map.of("host", "127.0.0.1", "port",
                        String.valueOf(smtp.getSmtp().getPort()), "security", "NONE", "from", "tokens@example.org"),
                // a check every second, the shortest lease (2 s); typed, as this PID's sample is
                "dev.apitokens.housekeeping", Map.of("checkIntervalSeconds", "I\"1\"", "leaseSeconds", "I\"2\"")));
        RestClient restA = new RestClient(cluster.a);
        long inTwentyHours = System.currentTimeMillis() + 20L * 3_600_000L;
        JsonNode created = restA.call("POST", API, basic(USER, USER_PASSWORD),
                "{\"label\":\"soon\",\"expirationDate\":" + inTwentyHours + "}").json();
        String secret = created.path("passwordValue").asText();

        awaitCount(EXPIRY, 1);
        Lease first = awaitRenewals(null);
        Distribution holder = nodeOf(first.holder());
        Distribution other = holder == cluster.a ? cluster.b : cluster.a;
        holder.close(); // a clean stop gives the lease up: the other node takes it at its next check
        Lease second = awaitRenewals(first.holder());
        assertEquals(nodeName(other), second.holder(), "the remaining node holds the lease");
        Thread.sleep(3_000); // three more checks by the new holder, with the token still due

        assertEquals(1, count(EXPIRY), "expiry mails in the whole cluster: " + subjects());
        assertEquals(1, count("A new API token \"soon\" was created for your account"), subjects().toString());
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            assertEquals(USER + "@example.org", mail.getAllRecipients()[0].toString());
            assertFalse(((String) mail.getContent()).contains(secret) || mail.getSubject().contains(secret));
        }
        System.out.printf("DataCenterNoticesIT: the lease moved from %s (%d renewals seen) to %s (%d renewals seen); "
                + "expiry mails in total: %d%n", first.holder(), first.renewals(), second.holder(),
                second.renewals(), count(EXPIRY));
    }

    /** A holder of the housekeeping lease and how often it was seen renewing it. */
    private record Lease(String holder, int renewals) {
    }

    /**
     * Polls the lease row until one holder other than {@code not} has been seen renewing it at least twice (two
     * more expiry times: two more checks that ran the housekeeping), at most 20 s.
     */
    private Lease awaitRenewals(String not) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Set<Long> expiries = new HashSet<>();
        String holder = null;
        try (Connection connection = TwoJiraNodes.connect(DATABASE);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT \"HOLDER\", \"EXPIRES_AT\" FROM \"AO_5D4005_LEASE\" WHERE \"NAME\" = 'housekeeping'")) {
            while (System.nanoTime() < deadline && expiries.size() < 3) {
                try (ResultSet row = select.executeQuery()) {
                    if (row.next() && !row.getString(1).equals(not) && row.getLong(2) > 0) {
                        if (!row.getString(1).equals(holder)) {
                            holder = row.getString(1);
                            expiries.clear();
                        }
                        expiries.add(row.getLong(2));
                    }
                }
                Thread.sleep(200);
            }
        }
        assertTrue(expiries.size() >= 3, "no node other than " + not + " renewed the lease twice: " + holder);
        assertNotEquals(not, holder);
        return new Lease(holder, expiries.size() - 1);
    }

    private Distribution nodeOf(String holder) throws Exception {
        for (Distribution node : List.of(cluster.a, cluster.b)) {
            if (holder.equals(nodeName(node))) {
                return node;
            }
        }
        throw new AssertionError("the lease holder " + holder + " is neither node");
    }

    /** The node's name from its log line "API token housekeeping on node NAME: checks every ...". */
    private static String nodeName(Distribution node) throws Exception {
        String log = node.log();
        String marker = "API token housekeeping on node ";
        int start = log.indexOf(marker);
        assertTrue(start >= 0, "no housekeeping start line in " + node.logFile());
        start += marker.length();
        return log.substring(start, log.indexOf(':', start));
    }

    private void awaitCount(String subject, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(subject) < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(count, count(subject), subjects().toString());
    }

    private long count(String subject) {
        return subjects().stream().filter(subject::equals).count();
    }

    private List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        Arrays.stream(smtp.getReceivedMessages()).forEach(mail -> {
            try {
                subjects.add(mail.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        return subjects;
    }
}
