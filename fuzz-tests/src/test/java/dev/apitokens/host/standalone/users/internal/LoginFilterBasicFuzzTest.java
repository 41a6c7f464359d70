package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apitokens.hasher.tck.ComponentConfig;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apitokens.fuzz.FakeHttp;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.BasicCredentials;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The standalone host's password login, which has its own Basic parser: for any {@code Authorization} header
 * it signs in exactly the user whose name and password the header carries (checked here by an independent strict
 * decoding), answers 401 to any other Basic header, passes every other request on untouched, and never throws.
 */
class LoginFilterBasicFuzzTest {

    private static final String PASSWORD = "bob-secret";
    private static final LoginFilter FILTER = filter();

    @FuzzTest
    void basicLogin(byte[] input) throws Exception {
        String header = new String(input, StandardCharsets.UTF_8);
        HttpServletRequest request = FakeHttp.request("GET", Map.of("Authorization", header), new byte[0]);
        FakeHttp.Recorded answer = new FakeHttp.Recorded();
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        FILTER.doFilter(request, FakeHttp.response(answer), (req, res) -> passedOn.set(req));

        if (!BasicCredentials.isBasic(header)) {
            assertSame(request, passedOn.get(), "not Basic: passed on untouched");
            assertNull(AuthenticatedRequest.of(request).orElse(null));
            return;
        }
        if (isBobsPassword(header.strip().substring(6).strip())) {
            assertNotNull(passedOn.get(), "the right password was refused");
            RequestUser user = AuthenticatedRequest.of((HttpServletRequest) passedOn.get()).orElseThrow();
            assertEquals("bob", user.user().key());
            assertEquals(RequestUser.Method.PASSWORD, user.method());
        } else {
            assertNull(passedOn.get(), "signed in without bob's password");
            assertEquals(401, answer.status);
            assertNotNull(answer.headers.get("WWW-Authenticate"));
        }
    }

    /**
     * Base64 of strict UTF-8 {@code name:password} without control characters, with the name bob in any case and
     * exactly bob's password. (PBKDF2 keys HMAC-SHA256 with the password, and HMAC pads a key shorter than its
     * 64-byte block with zero bytes, so {@code bob-secret\0} used to log in too: the fuzzer's first finding, which
     * the control-character rule of RFC 7617 now refuses.)
     */
    private static boolean isBobsPassword(String encoded) {
        String credentials;
        try {
            credentials = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        return colon >= 0 && credentials.chars().noneMatch(Character::isISOControl)
                && credentials.substring(0, colon).equalsIgnoreCase("bob")
                && credentials.substring(colon + 1).equals(PASSWORD);
    }

    private static LoginFilter filter() {
        try {
            Path data = Files.createTempDirectory("fuzz-login");
            PasswordKdf kdf = new PasswordKdf(1_000);
            new UsersFile(data.resolve("users.json"))
                    .write(List.of(UserRecord.create("bob", "Bob", false, kdf.hash(PASSWORD.toCharArray()))));
            UserDirectory users = new UserDirectory(data,
                    ComponentConfig.of(HostConfig.class, Map.of("passwordIterations", 1_000)));
            SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(5), 10, Clock.systemUTC());
            return new LoginFilter(users, sessions, ComponentConfig.of(LoginConfig.class, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
