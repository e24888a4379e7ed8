package dev.genesis.worker.config;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Who this worker is: its id, host, HTTP address and scratch folder, fixed at start. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id;
    private final String host;
    private final Path scratchDir;

    public WorkerIdentity(WorkerConfig config) {
        this.host = hostname();
        this.id = config.id().filter(s -> !s.isBlank()).orElseGet(() -> defaultId(host));
        this.scratchDir = config.scratchDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "genesis-worker"));
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public Path scratchDir() {
        return scratchDir;
    }

    /**
     * This worker's HTTP base URL, or null before the server listens. With port 0 the real port
     * is only known once Vert.x has bound it; Quarkus publishes it as a system property.
     */
    public String url() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(property);
        if (port == null) {
            port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue(property, String.class).orElse(null);
        }
        if (port == null || "0".equals(port)) {
            return null;
        }
        return "http://" + host + ":" + port;
    }

    private static String defaultId(String host) {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
