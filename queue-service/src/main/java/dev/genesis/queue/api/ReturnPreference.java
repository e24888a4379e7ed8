package dev.genesis.queue.api;

import java.util.List;
import java.util.Locale;

/**
 * The {@code return} preference of a request's {@code Prefer} header (RFC 7240): whether a write
 * should answer with the whole run or with its row alone. The whole run is the default; a client
 * that only needs the id and state (a submit of 100,000 tasks answers ~19 MB otherwise) sends
 * {@code Prefer: return=minimal} and gets {@link dev.genesis.queue.store.RunProgress}, with
 * {@code Preference-Applied: return=minimal}.
 */
final class ReturnPreference {

    static final String APPLIED_HEADER = "Preference-Applied";
    static final String MINIMAL = "return=minimal";

    private ReturnPreference() {
    }

    /**
     * Whether the {@code Prefer} headers (none, one or several, each a comma-separated list) ask for
     * {@code return=minimal}. Tokens are compared without case, with optional whitespace around
     * {@code =} and parameters after {@code ;} ignored; the first {@code return} preference counts.
     */
    static boolean minimal(List<String> headers) {
        if (headers == null) {
            return false;
        }
        for (String preference : String.join(",", headers).split(",")) {
            String[] nameValue = preference.split(";", 2)[0].split("=", 2);
            if (nameValue[0].strip().toLowerCase(Locale.ROOT).equals("return")) {
                String value = nameValue.length > 1 ? nameValue[1].strip() : "";
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.equalsIgnoreCase("minimal");
            }
        }
        return false;
    }
}
