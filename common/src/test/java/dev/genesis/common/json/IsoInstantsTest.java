package dev.genesis.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 1_000, 253_402_300_800L + 1_000);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), IsoInstants.format(instant));
            assertEquals(instant, IsoInstants.parse(instant.toString()));
        }
    }

    @Test
    void writesTheEdgesOfTheFastRangeAndBeyondIt() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2024-02-29T12:00:00.100Z")}) {
            assertEquals(instant.toString(), IsoInstants.format(instant));
            assertEquals(instant, IsoInstants.parse(IsoInstants.format(instant)));
        }
    }

    @Test
    void readsShortFractionsAndLeavesOtherFormsToInstantParse() {
        assertEquals(Instant.parse("2026-11-29T21:05:28.5Z"), IsoInstants.parseFast("2026-11-29T21:05:28.5Z"));
        assertEquals(Instant.parse("2026-11-29T21:05:28.120Z"), IsoInstants.parse("2026-11-29T21:05:28.12Z"));
        // Offsets, leap seconds, 24:00 and an empty fraction are Instant.parse's to read.
        assertNull(IsoInstants.parseFast("2026-11-29T22:05:28+01:00"));
        assertEquals(Instant.parse("2026-11-29T22:05:28+01:00"), IsoInstants.parse("2026-11-29T22:05:28+01:00"));
        assertNull(IsoInstants.parseFast("2016-12-31T23:59:60Z"));
        assertNull(IsoInstants.parseFast("2026-11-29T24:00:00Z"));
        assertNull(IsoInstants.parseFast("2026-11-29T21:05:28.Z"));
        assertEquals(Instant.parse("2026-11-29T21:05:28Z"), IsoInstants.parse("2026-11-29T21:05:28.Z"));
        assertEquals(Instant.parse("2026-11-29T24:00:00Z"), IsoInstants.parse("2026-11-29T24:00:00Z"));
        assertEquals(Instant.parse("2016-12-31T23:59:60Z"), IsoInstants.parse("2016-12-31T23:59:60Z"));
    }

    @Test
    void rejectsWhatInstantParseRejects() {
        for (String bad : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-11-29T21:05:28.1234567890Z", "2026-11-29 21:05:28Z", "2026-11-2xT21:05:28Z",
                "yesterday", ""}) {
            assertNull(IsoInstants.parseFast(bad), bad);
            assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(bad), bad);
        }
    }

    @Test
    void theSharedMapperUsesItBothWaysAndStillReadsEpochNumbers() throws Exception {
        record Stamped(Instant at) {
        }
        Instant at = Instant.parse("2026-11-29T21:05:28.000005Z");
        String json = Json.mapper().writeValueAsString(new Stamped(at));
        assertEquals("{\"at\":\"2026-11-29T21:05:28.000005Z\"}", json);
        assertEquals(at, Json.mapper().readValue(json, Stamped.class).at());
        assertEquals(Instant.ofEpochSecond(1_796_072_728L, 250_000_000),
                Json.mapper().readValue("{\"at\":1796072728.25}", Stamped.class).at());
        assertNull(Json.mapper().readValue("{\"at\":\"\"}", Stamped.class).at());
        assertThrows(InvalidFormatException.class, () -> Json.mapper().readValue("{\"at\":\"soon\"}", Stamped.class));
    }
}
