package dev.genesis.worker.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    @Test
    void outputBeyondTheLimitIsDroppedAndNoted() {
        OutputCapture capture = new OutputCapture(10);
        byte[] flood = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);

        capture.append(flood, flood.length);
        capture.append(flood, flood.length);

        assertThat(capture.dropped()).isEqualTo(30);
        assertThat(capture.text()).startsWith("0123456789").contains("30 more bytes dropped");
    }

    @Test
    void outputWithinTheLimitIsKeptAsIs() {
        OutputCapture capture = new OutputCapture(100);
        byte[] line = "hello\n".getBytes(StandardCharsets.UTF_8);

        capture.append(line, line.length);

        assertThat(capture.text()).isEqualTo("hello\n");
    }

    @Test
    void progressShowsTheLastNonBlankLine() {
        assertThat(OutputCapture.lastLine("one\ntwo\n\n")).isEqualTo("two");
        assertThat(OutputCapture.lastLine("\n \n")).isNull();
    }
}
