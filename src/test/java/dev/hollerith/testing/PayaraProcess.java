package dev.hollerith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process with the packaged WAR at the root context: the {@link SharedServer} of
 * the black-box tests, and the servers of tests that need their own (restarts with the same
 * data, several instances, killing one). All use the build's test database and keys.
 */
public final class PayaraProcess implements AutoCloseable {

    /**
     * The server JVM's options: the build gives the tests C1 only (they boot many servers and run
     * each briefly, see pom.xml it.server.jvm.options); without it (benchmarks) the JIT is as in production.
     */
    private static final List<String> JVM_OPTIONS = List.of(System.getProperty("it.server.jvm.options", "-Xmx768m -XX:+UseSerialGC")
            .trim().split("\\s+"));

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> microOptions = new ArrayList<>(List.of("--nocluster"));
    private Process process;
    private int port;
    private Path log;
    private Path rootDir;
    private final List<String> answersWhileBooting = new ArrayList<>();

    public PayaraProcess() {
        properties.put("hollerith.data.dir", System.getProperty("it.data.dir"));
        properties.put("hollerith.db.url", System.getProperty("it.db.url"));
        properties.put("hollerith.db.user", System.getProperty("it.db.user"));
        properties.put("hollerith.db.password", System.getProperty("it.db.password"));
        properties.put("hollerith.admin.email", HollerithWar.ADMIN_EMAIL);
        properties.put("hollerith.admin.password", HollerithWar.ADMIN_PASSWORD);
        properties.put("hollerith.master.key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        // bcrypt's least work (2^4 rounds instead of 2^10): the suite hashes and checks hundreds of
        // keys and passwords, about a minute of CPU per pass at the default (docs/testing.md)
        properties.put("hollerith.security.bcrypt-cost", "4");
        // the tests' fake upstreams listen on loopback, which the SSRF guard refuses unless listed
        properties.put("hollerith.outbound.allow", "127.0.0.1/32,localhost");
    }

    public PayaraProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Started as README's run command starts it: with the command files of {@code server-config/}, without a cluster. */
    public PayaraProcess asInProduction() {
        return microOptions("--nocluster",
                "--prebootcommandfile", Path.of("server-config/pre-boot.asadmin").toAbsolutePath().toString(),
                "--postbootcommandfile", Path.of("server-config/post-boot.asadmin").toAbsolutePath().toString(),
                "--postdeploycommandfile", Path.of("server-config/post-deploy.asadmin").toAbsolutePath().toString());
    }

    /** Replaces {@code --nocluster} by the given Payara Micro options (e.g. cluster discovery). */
    public PayaraProcess microOptions(String... options) {
        microOptions.clear();
        microOptions.addAll(List.of(options));
        return this;
    }

    public PayaraProcess start() {
        // generous: on a loaded 2-core machine a boot has taken 170 s; a hung one still fails
        return start(Duration.ofSeconds(300));
    }

    /** For a test that must start a server of its own on a machine that may be busy with others. */
    public PayaraProcess start(Duration timeout) {
        try {
            port = freePort();
            log = Files.createTempFile("payara-" + port + "-", ".log");
            rootDir = Files.createTempDirectory("payara-root");
            List<String> command = PayaraLauncher.command(JVM_OPTIONS,
                    properties.entrySet().stream().map(p -> "-D" + p.getKey() + "=" + p.getValue()).toList(), rootDir);
            command.addAll(List.of("--deploy", HollerithWar.path() + ":/", "--port", Integer.toString(port)));
            command.addAll(microOptions);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Process started = process;
            // a test JVM that dies (or is killed by Maven) must not leave a Payara behind
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-payara-" + port));
            awaitHealthy(timeout);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URL url() {
        try {
            return new URL("http://localhost:" + port + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answers to the health polls before the first 200: status, content type and the start of the body. */
    public List<String> answersWhileBooting() {
        return List.copyOf(answersWhileBooting);
    }

    public Api api() {
        return new Api(url());
    }

    /** SIGTERM: Payara shuts down gracefully. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** SIGKILL: the crash case. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    @Override
    public void close() {
        kill();
        deleteRootDir();
    }

    public String log() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A server's root directory holds its configuration, logs and the deployed WAR (and, from the uber-jar, ~100 MB of runtime). */
    private void deleteRootDir() {
        if (rootDir == null || (process != null && process.isAlive())) {
            return;
        }
        PayaraLauncher.deleteTree(rootDir);
        rootDir = null;
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited during start:\n" + tail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url() + "health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                answersWhileBooting.add(health.statusCode() + " " + health.headers().firstValue("Content-Type").orElse("(no type)") + " "
                        + health.body().substring(0, Math.min(200, health.body().length())));
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // often: what the server answers in the seconds before the application is deployed is tested (HardeningIT)
            sleep(50);
        }
        kill();
        throw new IllegalStateException("Payara Micro did not become healthy in " + timeout + ":\n" + tail());
    }

    private String tail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 6000));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nobody listens on now (for the server's HTTP port, and the grid ports of {@link SharedCluster}). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
