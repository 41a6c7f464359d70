package dev.apitokens.host.standalone.mail.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.Notice;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Notices mailed to a real SMTP server (GreenMail, started here on a free loopback port): recipients, blind copies,
 * subject, body and sender as configured, SMTP login, and the failures the housekeeping tells apart (a user without
 * an address or a malformed one: never deliverable; a server that is down or lacks STARTTLS: try again later).
 */
class SmtpNoticesTest {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false,
            "alice@example.org");
    private static final Notice NOTICE = new Notice("Your API token \"Jenkins\" expires in 7 days",
            "Hello Alice,\n\nyour API token \"Jenkins\" (id ULy3Wj2oRBv3tpN9) expires on 2026-12-14 10:00 UTC.\n"
                    + "Grüße\n");

    private GreenMail smtp;

    @BeforeEach
    void startSmtpServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "mailer-secret"));
        smtp.start();
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    private SmtpNotices notices(Map<String, Object> values) {
        return new SmtpNotices(config(Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "security",
                SmtpNotices.Security.NONE, "user", "mailer", "password", "mailer-secret", "from",
                "API tokens <tokens@example.org>", "timeoutSeconds", 5), values));
    }

    @Test
    void aNoticeArrivesWithRecipientCopiesSubjectAndBody() throws Exception {
        notices(Map.of()).send(ALICE, List.of("security@example.org", "audit@example.org"), NOTICE);

        assertTrue(smtp.waitForIncomingEmail(5_000, 3), "one delivery per recipient");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(3, received.length);
        MimeMessage mail = received[0];
        assertEquals(NOTICE.subject(), mail.getSubject());
        assertEquals(NOTICE.text().strip(), ((String) mail.getContent()).replace("\r\n", "\n").strip(),
                "the body as given");
        assertTrue(mail.getContentType().startsWith("text/plain; charset=UTF-8"), mail.getContentType());
        assertArrayEquals(new String[] {"alice@example.org"}, addresses(mail.getRecipients(Message.RecipientType.TO)));
        assertEquals(null, mail.getRecipients(Message.RecipientType.BCC), "blind copies are not in the headers");
        for (String recipient : List.of("alice@example.org", "security@example.org", "audit@example.org")) {
            assertEquals(1, smtp.findReceivedMessages(u -> u.getEmail().equals(recipient), m -> true).count(),
                    "delivered to " + recipient);
        }
        assertArrayEquals(new String[] {"tokens@example.org"}, addresses(mail.getFrom()));
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted")[0]);
    }

    @Test
    void aWrongSmtpPasswordIsAFailureToRetryAndNamesNoPassword() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> notices(Map.of("password", "wrong-password")).send(ALICE, List.of(), NOTICE));
        assertTrue(!refused.getMessage().contains("wrong-password") && !refused.getMessage().contains("mailer-secret"),
                refused.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void aServerThatIsDownOrOffersNoStarttlsIsAFailureToRetry() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThrows(IllegalStateException.class, () -> notices(Map.of("port", closedPort)).send(ALICE, List.of(),
                NOTICE));
        assertThrows(IllegalStateException.class,
                () -> notices(Map.of("security", SmtpNotices.Security.STARTTLS)).send(ALICE, List.of(), NOTICE),
                "STARTTLS is required, never silently skipped");
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void noAddressOrAMalformedOneIsNeverDeliverable() {
        SmtpNotices notices = notices(Map.of());
        HostUser noMail = new HostUser("key-bob", "bob", "Bob", true, false, null);
        assertThrows(IllegalArgumentException.class, () -> notices.send(noMail, List.of(), NOTICE));
        HostUser badMail = new HostUser("key-eve", "eve", "Eve", true, false, "eve@@example");
        assertThrows(IllegalArgumentException.class, () -> notices.send(badMail, List.of(), NOTICE));
        assertThrows(IllegalArgumentException.class, () -> notices.send(ALICE, List.of("not an address"), NOTICE));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    private static String[] addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
                .toArray(String[]::new);
    }

    @SafeVarargs
    private static SmtpNotices.Config config(Map<String, Object>... layers) {
        return (SmtpNotices.Config) Proxy.newProxyInstance(SmtpNoticesTest.class.getClassLoader(),
                new Class<?>[] {SmtpNotices.Config.class}, (proxy, method, args) -> {
                    for (int i = layers.length - 1; i >= 0; i--) {
                        if (layers[i].containsKey(method.getName())) {
                            return layers[i].get(method.getName());
                        }
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> SmtpNotices.Config.class;
                        case "hashCode" -> 0;
                        case "equals" -> proxy == args[0];
                        case "toString" -> "Config";
                        default -> method.getDefaultValue();
                    };
                });
    }
}
