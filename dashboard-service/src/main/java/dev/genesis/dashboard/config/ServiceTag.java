package dev.genesis.dashboard.config;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Tags every meter of this process {@code service=dashboard-service}, so that one Prometheus scraping all the
 * services (or a sum over them) can tell them apart. Quarkus applies MeterFilter beans to its registries.
 */
@Singleton
public class ServiceTag {

    public static final String SERVICE = "dashboard-service";

    @Produces
    @Singleton
    MeterFilter serviceTag() {
        return MeterFilter.commonTags(List.of(Tag.of("service", SERVICE)));
    }
}
