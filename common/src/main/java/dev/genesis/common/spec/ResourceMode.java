package dev.genesis.common.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How overlapping writers are kept apart: by not running together, or by merging their edits. */
public enum ResourceMode {
    LOCK,
    MERGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ResourceMode fromWire(String value) {
        for (ResourceMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be 'lock' or 'merge'");
    }
}
