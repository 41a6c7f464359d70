package dev.apitokens.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apitokens.api.TokenService;
import dev.apitokens.fuzz.FakeHttp;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /rest/api-tokens/latest/}, read as {@link OwnTokensApi#create} reads it: any byte
 * sequence either becomes a request that keeps every documented rule, or a 4xx {@link ApiError}. Anything else
 * (another exception, an {@link IOException} from a body that was all there) is a 500 for the client: a finding.
 */
class CreateTokenBodyFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    /** UTC, a whole-hour zone, a half-hour one, and the extremes of the offsets in use. */
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Etc/GMT+12"));
    private static final JsonCodec JSON = new JsonCodec(16384);

    @FuzzTest
    void createTokenBody(byte[] body) throws IOException {
        ZoneId zone = ZONES.get(body.length % ZONES.size());
        CreateTokenRequest request;
        try {
            request = CreateTokenRequest.from(JSON.readObject(FakeHttp.request("POST",
                    Map.of("Content-Type", "application/json; charset=UTF-8"), body)), NOW, zone);
        } catch (ApiError refused) {
            assertTrue(refused.status >= 400 && refused.status < 500, "status " + refused.status);
            assertNotNull(refused.getMessage());
            return;
        }
        String label = request.label();
        assertFalse(label.isEmpty());
        assertEquals(label.strip(), label);
        assertTrue(label.length() <= TokenService.MAX_LABEL_LENGTH);
        assertTrue(label.chars().noneMatch(Character::isISOControl));
        assertTrue(label.codePoints()
                .noneMatch(point -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE),
                "unpaired surrogate in the label");
        Instant expiresAt = request.expiresAt();
        if (expiresAt != null) {
            assertTrue(expiresAt.isAfter(NOW), "expiry not in the future: " + expiresAt);
            assertFalse(expiresAt.isAfter(CreateTokenRequest.LATEST_EXPIRY), "expiry beyond 9999: " + expiresAt);
        }
    }
}
