package dev.apitokens.host.standalone.mail.internal;

import dev.apitokens.host.spi.HostNotices;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.Notice;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone host's {@link HostNotices}: plain-text e-mail over SMTP with Jakarta Mail (Eclipse Angus), one
 * connection per notice. Registered only when configured (PID {@value #PID}): without a mail server the token
 * system sends no notices and says so in its log.
 */
@Component(configurationPid = SmtpNotices.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmtpNotices.Config.class)
public class SmtpNotices implements HostNotices {

    static final String PID = "dev.apitokens.host.standalone.mail";

    private static final Logger LOG = LoggerFactory.getLogger(SmtpNotices.class);

    /** How the connection to the mail server is protected. */
    public enum Security {
        /** Plain SMTP (a local relay, or tests). */
        NONE,
        /** SMTP, upgraded with STARTTLS, which the server must offer (usually port 587). */
        STARTTLS,
        /** SMTP over TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    @ObjectClassDefinition(name = "API tokens: standalone host mail",
            description = "The SMTP server the standalone host sends token notices through.")
    public @interface Config {

        @AttributeDefinition(name = "SMTP host")
        String host() default "localhost";

        @AttributeDefinition(name = "SMTP port", min = "1", max = "65535")
        int port() default 587;

        @AttributeDefinition(name = "Security", description = "NONE, STARTTLS (required, the server's certificate "
                + "checked) or TLS (SMTPS).")
        Security security() default Security.STARTTLS;

        @AttributeDefinition(name = "User", description = "SMTP login; empty for none.")
        String user() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "SMTP password.")
        String password() default "";

        @AttributeDefinition(name = "From address", description = "The sender of every notice.")
        String from() default "api-tokens@localhost";

        @AttributeDefinition(name = "Timeout (seconds)", min = "1",
                description = "Connect, read and write timeout of the SMTP connection.")
        int timeoutSeconds() default 10;
    }

    private final Session session;
    private final InternetAddress from;
    private final String user;
    private final String password;
    private final String server;

    @Activate
    public SmtpNotices(Config config) {
        Security security = config.security() == null ? Security.STARTTLS : config.security();
        String protocol = security == Security.TLS ? "smtps" : "smtp";
        String timeout = String.valueOf(Math.max(1, config.timeoutSeconds()) * 1000L);
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail." + protocol + ".host", config.host());
        properties.setProperty("mail." + protocol + ".port", String.valueOf(config.port()));
        properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        properties.setProperty("mail." + protocol + ".timeout", timeout);
        properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        properties.setProperty("mail." + protocol + ".auth", String.valueOf(!config.user().isEmpty()));
        if (security == Security.STARTTLS) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        } else if (security == Security.TLS) {
            properties.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        }
        this.session = withMailClassLoader(() -> Session.getInstance(properties));
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from address is malformed: " + config.from(), e);
        }
        this.user = config.user().isEmpty() ? null : config.user();
        this.password = config.password();
        this.server = protocol + "://" + config.host() + ":" + config.port();
        LOG.info("Token notices are mailed through {} ({}) from {}", server, security, from.getAddress());
    }

    @Override
    public void send(HostUser recipient, List<String> copies, Notice notice) {
        if (recipient.email() == null) {
            throw new IllegalArgumentException("user " + recipient.name() + " has no e-mail address");
        }
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, address(recipient.email()));
            for (String copy : copies) {
                message.addRecipient(Message.RecipientType.BCC, address(copy));
            }
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setText(notice.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
        } catch (MessagingException e) {
            throw new IllegalArgumentException("notice cannot be written as mail: " + e.getMessage(), e);
        }
        try {
            withMailClassLoader(() -> {
                if (user == null) {
                    Transport.send(message);
                } else {
                    Transport.send(message, user, password);
                }
                return null;
            });
        } catch (MailFailure e) {
            throw new IllegalStateException("mail server " + server + " did not take the notice: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("malformed e-mail address: " + text, e);
        }
    }

    /** A mail step that may fail with a {@link MessagingException}. */
    private interface MailStep<T> {
        T run() throws MessagingException;
    }

    private static final class MailFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MailFailure(MessagingException cause) {
            super(cause);
        }
    }

    /**
     * Runs with Angus Mail's class loader as the context class loader: Jakarta Mail finds its providers (the SMTP
     * transport, the stream provider) through {@code ServiceLoader} on that loader, which in OSGi only sees them
     * from the implementation's own bundle.
     */
    private static <T> T withMailClassLoader(MailStep<T> step) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            return step.run();
        } catch (MessagingException e) {
            throw new MailFailure(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
