package dev.genesis.common.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC text of an {@link Instant}, written and read without {@link java.time.format.DateTimeFormatter}.
 *
 * <p>Every event carries two to four instants and every process of the stack writes or reads
 * each event, so this is on the hot path of every task: the formatter's general machinery (a
 * parse context, field maps, {@code BigDecimal} fractions) took 4–18 % of a service's CPU samples in a
 * {@code noop} throughput run (JFR, {@code jdk.ExecutionSample}). The text is exactly
 * {@link Instant#toString()}'s: seconds always, a fraction in groups of three digits only where
 * needed, {@code Z}. What this does not handle in its fast form (years outside 0000–9999, an
 * offset other than {@code Z}, a leap second) is left to {@link Instant#toString()} and
 * {@link Instant#parse}, so both directions accept and produce what they did before.
 */
public final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the four-digit years. */
    private static final long MIN_FAST = -62_167_219_200L;
    private static final long MAX_FAST = 253_402_300_800L;

    private IsoInstants() {
    }

    /** The same text as {@link Instant#toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            return instant.toString();
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = instant.getNano();
        char[] out = new char[30];
        int at = 0;
        at = digits(out, at, date.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, date.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, secondOfDay / 3600, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay % 60, 2);
        if (nanos > 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(out, at, nanos / 1_000, 6);
            } else {
                at = digits(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /**
     * Reads ISO-8601 instant text as {@link Instant#parse} does.
     *
     * @throws java.time.format.DateTimeParseException when it is not an instant
     */
    public static Instant parse(CharSequence text) {
        Instant fast = parseFast(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with ordinary values, or null for anything else. */
    static Instant parseFast(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int fraction = number(s, 20, digits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like: the formatter says what is wrong
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, from + len)}, or -1 when a character is not a digit. */
    private static int number(CharSequence s, int from, int len) {
        int value = 0;
        for (int i = from; i < from + len; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
