package dev.genesis.worker.execution;

import dev.genesis.worker.spi.TaskExecutor;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The executors this worker knows, by kind: the CDI built-ins plus those found by ServiceLoader. */
@Singleton
public class ExecutorRegistry {

    private final Map<String, TaskExecutor> byKind;

    public ExecutorRegistry(Instance<TaskExecutor> beans) {
        List<TaskExecutor> all = new ArrayList<>();
        beans.forEach(all::add);
        ServiceLoader.load(TaskExecutor.class, Thread.currentThread().getContextClassLoader()).forEach(all::add);
        this.byKind = index(all);
    }

    /** Indexes executors by kind; a kind offered twice is a start-up error, not a silent override. */
    public static Map<String, TaskExecutor> index(Collection<TaskExecutor> executors) {
        Map<String, TaskExecutor> map = new HashMap<>();
        for (TaskExecutor e : executors) {
            TaskExecutor previous = map.putIfAbsent(e.kind(), e);
            if (previous != null) {
                throw new IllegalStateException("two executors for kind '" + e.kind() + "': "
                        + previous.getClass().getName() + " and " + e.getClass().getName());
            }
        }
        return Map.copyOf(map);
    }

    public Optional<TaskExecutor> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public Set<String> kinds() {
        return new TreeSet<>(byKind.keySet());
    }
}
