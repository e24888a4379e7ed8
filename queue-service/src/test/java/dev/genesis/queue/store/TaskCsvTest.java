package dev.genesis.queue.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskCsvTest {

    @Test
    void pathsWithCommasQuotesAndBackslashesSurviveAsArrayElements() {
        StringBuilder out = new StringBuilder();
        new TaskCsv(out).array(List.of("a,b", "say \"hi\"", "back\\slash")).endRow();
        assertThat(out).hasToString("\"{\"\"a,b\"\",\"\"say \\\"\"hi\\\"\"\"\",\"\"back\\\\slash\"\"}\"\n");
    }

    @Test
    void nullIsAnUnquotedEmptyFieldAndEmptyTextIsQuoted() {
        StringBuilder out = new StringBuilder();
        new TaskCsv(out).text(null).text("").number(7).array(List.of()).endRow();
        assertThat(out).hasToString(",\"\",7,\"{}\"\n");
    }
}
