package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The Jira jar on H2 with its mail pointed at a real SMTP server (GreenMail): Jakarta Mail and Angus wired in OSGi,
 * one creation notice per token to the owner, none with a secret; and the scheduled housekeeping with its clock
 * moved through the configuration directory (the test-only {@code clockOffset}, applied by FileInstall while the
 * jar runs): expiry notices once each, pruning of expired, unused and ownerless tokens, each in the audit trail.
 */
class NoticesAndPruningIT {

    private static final String API = "/rest/api-tokens/latest/";
    private static final String PID = "dev.apitokens.housekeeping";

    private GreenMail smtp;
    private Distribution jira;

    @AfterEach
    void stop() throws Exception {
        if (jira != null) {
            jira.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void creationNoticesAreMailedOnceWithoutSecrets() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        jira = Distribution.of("jira")
                .config("dev.apitokens.host.standalone.mail", Map.of("host", "127.0.0.1", "port",
                        String.valueOf(smtp.getSmtp().getPort()), "security", "NONE", "from", "tokens@example.org"))
                .config(PID, housekeeping("")).start();
        jira.addUser("alice", "alice-password-e2e", "alice@example.org");
        RestClient rest = new RestClient(jira);
        String alice = basic("alice", "alice-password-e2e");
        long tenDays = System.currentTimeMillis() + 10L * 86_400_000L;
        JsonNode expiring = rest.call("POST", API, alice, "{\"label\":\"Jenkins\",\"expirationDate\":" + tenDays + "}")
                .json();
        JsonNode unused = rest.call("POST", API, alice, "{\"label\":\"forgotten\"}").json();
        List<String> secrets = List.of(expiring.path("passwordValue").asText(), unused.path("passwordValue").asText());

        awaitMails(2);
        Thread.sleep(3_000); // nothing more may come: no expiry is due yet

        List<String> subjects = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            subjects.add(mail.getSubject());
            assertEquals("alice@example.org", mail.getAllRecipients()[0].toString());
            String body = (String) mail.getContent();
            for (String secret : secrets) {
                assertFalse(body.contains(secret) || mail.getSubject().contains(secret), "a secret in a mail");
            }
        }
        // each notice exactly once; the mails are sent in the background, in no promised order
        assertEquals(List.of("A new API token \"Jenkins\" was created for your account",
                "A new API token \"forgotten\" was created for your account"), subjects.stream().sorted().toList());
        assertTrue(jira.log().contains("API token notice created about token " + expiring.path("id").asText()
                + " sent to user alice"), "the notice log line");
    }

    /**
     * Days pass by moving the housekeeping's clock ({@code clockOffset} rewritten while the jar runs). Tokens made
     * now: "weekly" expires in 6.5 days, "daily" in 20 hours, "forgotten" never (and is never used); bob's and
     * carol's never. Then bob is deactivated and carol removed in the users file.
     * <ul>
     * <li>now: "weekly" gets "expires in 7 days", "daily" "expires within a day";</li>
     * <li>+2 days: "daily" gets "has expired" (and "weekly" nothing again); bob's and carol's tokens are revoked
     * (bob is mailed; carol, unknown to the host, is not);</li>
     * <li>+32 days: "daily" (expired more than pruneExpiredAfterDays = 30 ago) is deleted without a mail;
     * "forgotten" (unused for more than revokeIdleAfterDays = 30) is revoked and alice is mailed.</li>
     * </ul>
     * Each pruning is a TOKEN_PRUNED event in {@code GET /admin/audit} with its reason; no mail holds a secret.
     */
    @Test
    void movedClockSendsExpiryNoticesOnceAndPrunes() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        jira = Distribution.of("jira").config(MAIL, mail()).config(PID, housekeeping("")).start();
        jira.addUser("alice", "alice-password-e2e", "alice@example.org");
        jira.addUser("bob", "bob-password-e2e", "bob@example.org");
        jira.addUser("carol", "carol-password-e2e", "carol@example.org");
        RestClient rest = new RestClient(jira);
        String alice = basic("alice", "alice-password-e2e");
        long now = System.currentTimeMillis();
        JsonNode weekly = create(rest, alice, "weekly", now + 156L * HOUR);
        JsonNode daily = create(rest, alice, "daily", now + 20L * HOUR);
        JsonNode forgotten = create(rest, alice, "forgotten", 0);
        JsonNode bobs = create(rest, basic("bob", "bob-password-e2e"), "bob's", 0);
        JsonNode carols = create(rest, basic("carol", "carol-password-e2e"), "carol's", 0);
        List<String> secrets = new ArrayList<>();
        for (JsonNode token : List.of(weekly, daily, forgotten, bobs, carols)) {
            secrets.add(token.path("passwordValue").asText());
        }

        awaitMail("alice@example.org", "Your API token \"weekly\" expires in 7 days");
        awaitMail("alice@example.org", "Your API token \"daily\" expires within a day");
        editUsers(users -> {
            for (JsonNode user : List.copyOf(iterable(users))) {
                if (user.path("name").asText().equals("bob")) {
                    ((ObjectNode) user).put("active", false);
                }
            }
            for (int i = users.size() - 1; i >= 0; i--) {
                if (users.get(i).path("name").asText().equals("carol")) {
                    users.remove(i);
                }
            }
        });

        jira.reconfigure(PID, housekeeping("P2D"));
        awaitMail("alice@example.org", "Your API token \"daily\" has expired");
        awaitMail("bob@example.org", "Your API token " + id(bobs) + " was revoked");
        JsonNode bobsPruned = awaitPruned(rest, id(bobs));
        assertEquals("owner deactivated", bobsPruned.path("detail").asText(), bobsPruned.toString());
        JsonNode carolsPruned = awaitPruned(rest, id(carols));
        assertEquals("owner unknown to the host", carolsPruned.path("detail").asText(), carolsPruned.toString());
        Thread.sleep(3_000); // three more runs at +2 days: nothing is sent twice
        assertEquals(1, count("Your API token \"weekly\" expires in 7 days"));
        assertEquals(1, count("Your API token \"daily\" expires within a day"));
        assertEquals(1, count("Your API token \"daily\" has expired"));

        jira.reconfigure(PID, housekeeping("P32D"));
        awaitMail("alice@example.org", "Your API token " + id(forgotten) + " was revoked");
        JsonNode forgottenPruned = awaitPruned(rest, id(forgotten));
        assertTrue(forgottenPruned.path("detail").asText().startsWith("never used since "), forgottenPruned.toString());
        JsonNode dailyPruned = awaitPruned(rest, id(daily));
        assertTrue(dailyPruned.path("detail").asText().startsWith("expired "), dailyPruned.toString());
        assertEquals("alice", dailyPruned.path("user").asText(), dailyPruned.toString());
        JsonNode listed = rest.get(API, alice).json();
        for (JsonNode token : listed) {
            assertFalse(token.path("id").asText().equals(id(daily)), "the expired token is deleted: " + listed);
        }
        Thread.sleep(3_000);
        assertEquals(0, count("Your API token " + id(daily) + " was revoked"), "an expiry's deletion is no news");
        assertEquals(1, count("Your API token \"daily\" has expired"));
        assertEquals(0, mailsTo("carol@example.org").stream().filter(m -> !subject(m).startsWith("A new")).count(),
                "carol is unknown to the host now");
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String body = (String) mail.getContent();
            for (String secret : secrets) {
                assertFalse(body.contains(secret) || mail.getSubject().contains(secret), "a secret in a mail");
            }
        }
        assertTrue(jira.log().contains("API token housekeeping runs on a clock moved by PT768H"), "the offset log");
    }

    private static final String MAIL = "dev.apitokens.host.standalone.mail";
    private static final long HOUR = 3_600_000L;

    private Map<String, String> mail() {
        return Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()), "security", "NONE",
                "from", "tokens@example.org");
    }

    private static Map<String, String> housekeeping(String clockOffset) {
        // typed, as FileInstall needs for the number lists of this PID's sample; the daily jobs hourly, so that
        // each move of the clock by a day or more makes them due
        return Map.of("checkIntervalSeconds", "I\"1\"", "leaseSeconds", "I\"5\"", "revokeIdleAfterDays", "I\"30\"",
                "dailyJobsIntervalHours", "I\"1\"", "clockOffset", "\"" + clockOffset + "\"");
    }

    private static JsonNode create(RestClient rest, String user, String label, long expiresAt) throws Exception {
        ObjectNode body = RestClient.JSON.createObjectNode().put("label", label);
        if (expiresAt > 0) {
            body.put("expirationDate", expiresAt);
        }
        RestClient.Reply reply = rest.call("POST", API, user, body.toString());
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static String id(JsonNode token) {
        return token.path("id").asText();
    }

    /** The TOKEN_PRUNED event of this token in {@code GET /admin/audit}, waiting up to 30 s for it. */
    private JsonNode awaitPruned(RestClient rest, String tokenId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            RestClient.Reply reply = rest.get(API + "admin/audit?type=TOKEN_PRUNED&limit=100",
                    basic("admin", jira.adminPassword()));
            assertEquals(200, reply.status(), reply.toString());
            for (JsonNode event : reply.json().path("events")) {
                if (tokenId.equals(event.path("tokenId").asText())) {
                    return event;
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no TOKEN_PRUNED event for token " + tokenId);
    }

    /** Rewrites the users file as an operator would; the server re-reads it within a second. */
    private void editUsers(java.util.function.Consumer<ArrayNode> edit) throws Exception {
        Path file = jira.dataDir().resolve("users.json");
        ObjectNode root = (ObjectNode) RestClient.JSON.readTree(Files.readString(file));
        edit.accept((ArrayNode) root.path("users"));
        Path temporary = jira.dataDir().resolve("users.json.new");
        Files.writeString(temporary, RestClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(1_100);
    }

    private static List<JsonNode> iterable(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private void awaitMail(String to, String subject) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(subject) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<MimeMessage> found = mailsTo(to).stream().filter(m -> subject.equals(subject(m))).toList();
        assertEquals(1, found.size(), "mails \"" + subject + "\" to " + to + "; all: " + subjects());
    }

    private long count(String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject.equals(subject(m))).count();
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                mails.add(mail);
            }
        }
        return mails;
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(NoticesAndPruningIT::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitMails(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (smtp.getReceivedMessages().length < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(count, smtp.getReceivedMessages().length, "mails received");
    }
}
