package dev.genesis.common.spec;

import java.util.List;

/** What a user submits: a named DAG of tasks. */
public record RunSpec(String name, List<TaskSpec> tasks) {

    public RunSpec {
        tasks = tasks == null ? List.of() : tasks;
    }
}
