package dev.apitokens.host.standalone.db.internal;

import java.util.Locale;
import java.util.Properties;

/**
 * What the host knows about JDBC URLs: how to log one without its secrets, and which network timeouts its driver
 * needs so that a database that stops answering (packets dropped, not refused) fails calls instead of hanging them.
 */
final class JdbcUrl {

    /** The host's network timeouts unless configured or set by the URL: connect/login, and statement reads. */
    static final int DEFAULT_CONNECT_SECONDS = 5;
    static final int DEFAULT_SOCKET_SECONDS = 5;

    private JdbcUrl() {
    }

    /** The URL without its parameters, which may carry a password: fit for the log. */
    static String withoutParameters(String url) {
        int cut = url.length();
        for (char separator : new char[] { '?', ';' }) {
            int index = url.indexOf(separator);
            if (index >= 0 && index < cut) {
                cut = index;
            }
        }
        return url.substring(0, cut);
    }

    /**
     * Adds the driver's connect, login and socket timeouts to {@code properties}, each only when neither the URL
     * nor the properties set it already (the operator's choice wins). PostgreSQL takes seconds ({@code
     * connectTimeout}, {@code loginTimeout}, {@code socketTimeout}); MariaDB and MySQL Connector/J take
     * milliseconds ({@code connectTimeout}, {@code socketTimeout}; the login runs under both). Embedded H2 has no
     * network, and other URLs are left as they are.
     */
    static void addNetworkTimeouts(String url, Properties properties, int connectSeconds, int socketSeconds) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            putUnlessSet(url, properties, "connectTimeout", String.valueOf(connectSeconds));
            putUnlessSet(url, properties, "loginTimeout", String.valueOf(connectSeconds));
            putUnlessSet(url, properties, "socketTimeout", String.valueOf(socketSeconds));
        } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            putUnlessSet(url, properties, "connectTimeout", String.valueOf(connectSeconds * 1000L));
            putUnlessSet(url, properties, "socketTimeout", String.valueOf(socketSeconds * 1000L));
        }
    }

    private static void putUnlessSet(String url, Properties properties, String key, String value) {
        String lower = url.toLowerCase(Locale.ROOT);
        String name = key.toLowerCase(Locale.ROOT) + "=";
        boolean inUrl = lower.contains("?" + name) || lower.contains("&" + name) || lower.contains(";" + name);
        if (!inUrl && properties.getProperty(key) == null) {
            properties.setProperty(key, value);
        }
    }
}
