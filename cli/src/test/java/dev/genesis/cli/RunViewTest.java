package dev.genesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunViewTest {

    private static RunView diamond() throws Exception {
        return RunView.from(Json.mapper().readTree("""
                {"id":"r1","name":"d","state":"SUCCEEDED","createdAt":"2026-01-01T00:00:00Z",
                 "tasks":[
                  {"id":"a","state":"SUCCEEDED","attempt":1,"startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:01Z"},
                  {"id":"b","state":"SUCCEEDED","attempt":1,"startedAt":"2026-01-01T00:00:01Z","finishedAt":"2026-01-01T00:00:03Z"},
                  {"id":"c","state":"SUCCEEDED","attempt":1,"startedAt":"2026-01-01T00:00:01Z","finishedAt":"2026-01-01T00:00:03Z"},
                  {"id":"d","state":"RUNNING","attempt":2,"worker":"w1","startedAt":"2026-01-01T00:00:03Z"}]}"""));
    }

    @Test
    void makespanAndSpeedUpComeFromTaskTimes() throws Exception {
        RunView run = diamond();
        assertThat(run.makespan()).isEqualTo(Duration.ofSeconds(3));
        assertThat(run.serialSum()).isEqualTo(Duration.ofSeconds(5));
        assertThat(run.speedUp()).isEqualTo(5.0 / 3.0);
        assertThat(run.terminalCount()).isEqualTo(3);
    }

    @Test
    void progressBarCountsStates() throws Exception {
        String line = ProgressBar.render(diamond(), Duration.ofMillis(2500));
        assertThat(line).startsWith("[######################........]  75% 3/4")
                .contains("ok 3", "running 1", "2.5s");
    }

    @Test
    void theBarFollowsTheProgressWhileTheCountsComeFromTheLastFullRead() throws Exception {
        RunProgress progress = RunProgress.from(Json.mapper().readTree("""
                {"id":"r1","state":"RUNNING","taskCount":4,"openTasks":0,"finishedTasks":4}"""));
        String line = ProgressBar.render(progress, diamond(), Duration.ofMillis(100));
        assertThat(line).startsWith("[##############################] 100% 4/4").contains("ok 3", "running 1");
        assertThat(progress.isFinished()).isFalse();
    }
}
