package dev.hollerith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * How a test server's JVM launches Payara Micro. A boot spends most of its CPU loading and
 * verifying Payara's ~21,000 classes, and a CI run boots some twenty servers on two cores. So,
 * unless {@code it.server.cds} is {@code false}, Payara's runtime is unpacked once per machine
 * (Payara Micro's {@code --outputlauncher}) into {@code ~/.cache/hollerith/payara-cds/<key>} with a
 * class-data-sharing archive of the classes a boot loads (JDK static CDS, from a class list of one
 * {@code --warmup} boot): a boot then maps them instead of loading them, about a third less CPU
 * (docs/testing.md). Each server still gets a fresh root directory of its own (its configuration,
 * logs and deployed WAR), since {@code launch-micro.jar} itself would pin every server to the
 * launcher's directory. Preparing takes a boot and a dump (~1 minute), once per Payara version and
 * JDK; the two CI passes share it under a file lock. If anything of it fails, servers start from
 * the uber-jar as before.
 */
final class PayaraLauncher {

    private static final Logger LOG = Logger.getLogger(PayaraLauncher.class.getName());
    private static final String MAIN = "fish.payara.micro.impl.PayaraMicroImpl";
    private static final Path MICRO_JAR = microJar();

    /** The prepared launcher directory and archive, or null: the uber-jar. Prepared on first use. */
    private static volatile Prepared prepared;
    private static volatile boolean tried;

    private record Prepared(Path dir, List<String> moduleOptions) {

        Path launcher() {
            return dir.resolve("micro/launch-micro.jar");
        }

        Path archive() {
            return dir.resolve("payara.jsa");
        }
    }

    private PayaraLauncher() {
    }

    /**
     * The command up to Payara Micro's own options: the JVM, its options, the system properties,
     * and what starts Payara Micro with the given (empty, existing) root directory.
     */
    static List<String> command(List<String> jvmOptions, List<String> properties, Path rootDir) {
        Prepared launcher = launcher(jvmOptions);
        if (launcher == null) {
            List<String> command = new ArrayList<>(List.of(javaBin()));
            command.addAll(jvmOptions);
            command.addAll(properties);
            command.addAll(List.of("-jar", MICRO_JAR.toString(), "--rootdir", rootDir.toString()));
            return command;
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:SharedArchiveFile=" + launcher.archive());
        return fromLauncher(launcher, options, properties, rootDir);
    }

    /** {@code PayaraMicroImpl} from the launcher directory's class path, in the given root directory (seeded here). */
    private static List<String> fromLauncher(Prepared launcher, List<String> jvmOptions, List<String> properties, Path rootDir) {
        seedRootDir(launcher, rootDir);
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(launcher.moduleOptions());
        command.addAll(properties);
        command.addAll(List.of("-Dfish.payara.micro.BootJar=" + launcher.launcher().toUri(),
                "-Dfish.payara.micro.UnpackDir=" + launcher.launcher().getParent(),
                "-cp", launcher.launcher().toString(), MAIN, "--rootdir", rootDir.toString()));
        return command;
    }

    private static Prepared launcher(List<String> jvmOptions) {
        if (!Boolean.parseBoolean(System.getProperty("it.server.cds", "false"))) {
            return null;
        }
        if (!tried) {
            synchronized (PayaraLauncher.class) {
                if (!tried) {
                    prepared = prepare(jvmOptions);
                    tried = true;
                }
            }
        }
        return prepared;
    }

    private static Prepared prepare(List<String> jvmOptions) {
        Path dir = cacheDir(jvmOptions);
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel lockFile = FileChannel.open(dir.getParent().resolve(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Path ready = dir.resolve("ready");
                if (!Files.exists(ready)) {
                    long started = System.nanoTime();
                    deleteTree(dir);
                    Files.createDirectories(dir);
                    build(dir, jvmOptions);
                    Files.writeString(ready, "");
                    LOG.info("Payara Micro launcher and class-data-sharing archive prepared in " + dir + " in "
                            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
                }
            }
            return new Prepared(dir, moduleOptions(dir.resolve("micro/launch-micro.jar")));
        } catch (IOException | RuntimeException e) {
            LOG.warning("Servers start from the uber-jar, without class-data sharing: " + e);
            return null;
        }
    }

    /** The launcher directory, a class list from one warm-up boot of the packaged WAR, the archive of those classes. */
    private static void build(Path dir, List<String> jvmOptions) throws IOException {
        Path micro = dir.resolve("micro");
        run(dir, "outputlauncher", List.of(javaBin(), "-jar", MICRO_JAR.toString(), "--rootdir", micro.toString(), "--outputlauncher"));
        Prepared launcher = new Prepared(dir, moduleOptions(micro.resolve("launch-micro.jar")));
        Path scratch = Files.createTempDirectory("payara-cds-warmup");
        try {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-XX:DumpLoadedClassList=" + dir.resolve("classes.lst"));
            List<String> warmup = fromLauncher(launcher, options, List.of("-Dhollerith.data.dir=" + scratch,
                    "-Dhollerith.db.url=jdbc:h2:file:" + scratch + "/h;MODE=LEGACY",
                    "-Dhollerith.master.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                    Files.createDirectories(scratch.resolve("root")));
            warmup.addAll(List.of("--deploy", HollerithWar.path() + ":/", "--nocluster", "--warmup"));
            run(dir, "warmup", warmup);
        } finally {
            deleteTree(scratch);
        }
        List<String> dump = new ArrayList<>(List.of(javaBin(), "-Xshare:dump"));
        dump.addAll(jvmOptions.stream().filter(o -> o.startsWith("-XX:+Use") && o.endsWith("GC")).toList());
        dump.addAll(List.of("-XX:SharedClassListFile=" + dir.resolve("classes.lst"), "-XX:SharedArchiveFile=" + launcher.archive()));
        dump.addAll(launcher.moduleOptions());
        dump.addAll(List.of("-cp", launcher.launcher().toString()));
        run(dir, "dump", dump);
    }

    /** A server's own root directory starts with the launcher's pristine configuration. */
    private static void seedRootDir(Prepared launcher, Path rootDir) {
        Path micro = launcher.launcher().getParent();
        try {
            for (String part : List.of("config", "docroot", "lib")) {
                Path from = micro.resolve(part);
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path to = rootDir.resolve(part).resolve(from.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(file, to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code java -jar launch-micro.jar} would take from the manifest: Payara's module exports and opens. */
    private static List<String> moduleOptions(Path launcherJar) throws IOException {
        try (JarFile jar = new JarFile(launcherJar.toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            List<String> options = new ArrayList<>();
            for (String opened : attributes.getValue("Add-Opens").trim().split("\\s+")) {
                options.add("--add-opens=" + opened + "=ALL-UNNAMED");
            }
            for (String exported : attributes.getValue("Add-Exports").trim().split("\\s+")) {
                options.add("--add-exports=" + exported + "=ALL-UNNAMED");
            }
            return options;
        }
    }

    private static void run(Path dir, String step, List<String> command) throws IOException {
        Path log = dir.resolve(step + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(step + " did not finish in 10 minutes, see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(step + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(step + " failed (exit " + process.exitValue() + "), see " + log);
        }
    }

    /** One directory per Payara Micro jar, JDK and set of server JVM options: an archive only fits the JVM that made it. */
    private static Path cacheDir(List<String> jvmOptions) {
        String key = MICRO_JAR.getFileName() + "|" + fileSize(MICRO_JAR) + "|" + System.getProperty("java.home") + "|"
                + System.getProperty("java.vm.version") + "|" + String.join(" ", jvmOptions);
        String hash = HexFormat.of().formatHex(sha256(key)).substring(0, 16);
        return Path.of(System.getProperty("user.home"), ".cache", "hollerith", "payara-cds", hash);
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is not worth failing a test for
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path microJar() {
        try {
            return Path.of(Class.forName("fish.payara.micro.PayaraMicro").getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("payara-micro must be on the test classpath", e);
        }
    }
}
