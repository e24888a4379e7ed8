package dev.genesis.worker.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/** Prometheus meters of the worker: attempts executed and failed, their duration, busy slots. */
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter executed;
    private final Counter failed;
    private final Timer duration;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.executed = Counter.builder("genesis.worker.tasks.executed")
                .description("Attempts this worker ran to an end (any outcome)").register(registry);
        this.failed = Counter.builder("genesis.worker.tasks.failed")
                .description("Attempts that failed, timed out or were cancelled").register(registry);
        this.duration = Timer.builder("genesis.worker.task.duration")
                .description("How long attempts ran").register(registry);
    }

    void busySlots(Supplier<Number> busy) {
        Gauge.builder("genesis.worker.slots.busy", busy, s -> s.get().doubleValue())
                .description("Slots running an attempt now").strongReference(true).register(registry);
    }

    void finished(Duration took, boolean succeeded) {
        executed.increment();
        if (!succeeded) {
            failed.increment();
        }
        duration.record(took);
    }
}
