package dev.genesis.worker.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * Points the worker at a {@link FakeCoordinator} started for the test class; a field annotated
 * {@link InjectFakeCoordinator} receives it. The short lease lets a lost coordinator show in a second.
 */
public class FakeCoordinatorProfile implements QuarkusTestProfile {

    /** Marks the test's {@link FakeCoordinator} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFakeCoordinator {
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("genesis.worker.lock-lease", "1500ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    /** Starts and stops the fake, and hands it to the test. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private FakeCoordinator fake;

        @Override
        public Map<String, String> start() {
            try {
                fake = new FakeCoordinator();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Also the %test key: application.properties sets that one for the other tests.
            return Map.of("genesis.worker.coordinator-url", fake.url(),
                    "%test.genesis.worker.coordinator-url", fake.url());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeCoordinator.class,
                    FakeCoordinator.class));
        }

        @Override
        public void stop() {
            if (fake != null) {
                fake.close();
            }
        }
    }
}
