package io.sluice.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Finds the unpacked Apicurio Registry bundle, in this order: the directory the build unpacked it
 * to (recorded in the {@value #RESOURCE} resource), the directory named by the environment variable
 * {@value #ENV}, and else an unpack of the bundle from the local Maven repository into
 * {@code ~/.cache/sluice}. The later steps matter once the jar has moved away from its build tree.
 */
final class ApicurioHome {

    static final String VERSION = "2.6.13.Final";
    static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";
    static final String RESOURCE = "sluice-local-stack.properties";
    static final String ENV = "SLUICE_APICURIO_HOME";

    private ApicurioHome() {}

    /** Locates (or unpacks) the bundle using the real resource, environment and home directory. */
    static Path locate() throws IOException {
        Path userHome = Path.of(System.getProperty("user.home"));
        return locate(fromResource(), Optional.ofNullable(System.getenv(ENV)).map(Path::of),
                defaultTarball(userHome), userHome.resolve(".cache/sluice/apicurio-" + VERSION));
    }

    /**
     * The resolution itself, with every input explicit so tests need no real environment.
     *
     * @param fromBuild the directory recorded at build time, if any
     * @param fromEnv the directory named by {@value #ENV}, if set
     * @param tarball the {@code -all.tar.gz} bundle to unpack when neither directory holds the jar
     * @param cacheDir where to unpack it; reused by later calls
     */
    static Path locate(Optional<Path> fromBuild, Optional<Path> fromEnv, Path tarball, Path cacheDir)
            throws IOException {
        List<String> tried = new ArrayList<>();
        for (Optional<Path> candidate : List.of(fromBuild, fromEnv)) {
            if (candidate.isPresent()) {
                if (holdsRunner(candidate.get())) {
                    return candidate.get();
                }
                tried.add(candidate.get().toString());
            }
        }
        if (holdsRunner(cacheDir)) {
            return cacheDir;
        }
        if (!Files.isRegularFile(tarball)) {
            throw new IOException("Apicurio Registry " + VERSION + " is not unpacked anywhere"
                    + " (looked in " + (tried.isEmpty() ? "" : String.join(", ", tried) + ", ")
                    + cacheDir + ") and its bundle " + tarball + " is missing. Build the project once"
                    + " (mvn -pl local-stack -am package downloads it), or set " + ENV
                    + " to a directory holding " + RUNNER_JAR + " and lib/.");
        }
        unpack(tarball, cacheDir);
        return cacheDir;
    }

    static Path defaultTarball(Path userHome) {
        return userHome.resolve(".m2/repository/io/apicurio/apicurio-registry-app/" + VERSION
                + "/apicurio-registry-app-" + VERSION + "-all.tar.gz");
    }

    private static boolean holdsRunner(Path dir) {
        return Files.isRegularFile(dir.resolve(RUNNER_JAR)) && Files.isDirectory(dir.resolve("lib"));
    }

    private static Optional<Path> fromResource() throws IOException {
        try (InputStream in = ApicurioHome.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties props = new Properties();
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            String home = props.getProperty("apicurio.home", "").trim();
            // An unfiltered resource (run from an IDE without Maven) still holds "${...}".
            return home.isEmpty() || home.contains("${") ? Optional.empty() : Optional.of(Path.of(home));
        }
    }

    /**
     * Unpacks into a sibling temporary directory and renames it into place, so an interrupted
     * unpack or two JVMs unpacking at once never leave a half-filled cache directory behind.
     * {@code tar} is used because no archive library is on this module's classpath.
     */
    private static void unpack(Path tarball, Path cacheDir) throws IOException {
        Path parent = Files.createDirectories(cacheDir.toAbsolutePath().getParent());
        Path staging = Files.createTempDirectory(parent, cacheDir.getFileName() + ".unpacking-");
        try {
            Path tarLog = staging.resolve(".tar.log");
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", staging.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(tarLog.toFile())
                    .start();
            boolean done = tar.waitFor(5, TimeUnit.MINUTES);
            if (!done || tar.exitValue() != 0) {
                tar.destroyForcibly();
                throw new IOException("Unpacking " + tarball + " with tar failed"
                        + (done ? " (exit " + tar.exitValue() + ")" : " (timed out)") + ": "
                        + Files.readString(tarLog).strip() + ". Check the file is intact, or set "
                        + ENV + " to an unpacked copy.");
            }
            Files.delete(tarLog);
            if (!holdsRunner(staging)) {
                throw new IOException(tarball + " does not contain " + RUNNER_JAR + " and lib/;"
                        + " it is not the Apicurio Registry " + VERSION + " bundle. Delete it and build"
                        + " the project again to download it anew.");
            }
            try {
                Files.move(staging, cacheDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Typically another JVM finished first (the target exists): use its copy if complete.
                if (!holdsRunner(cacheDir)) {
                    throw new IOException("Could not move the unpacked Apicurio Registry into " + cacheDir
                            + ": " + e + ". Delete that directory and retry.", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while unpacking " + tarball, e);
        } finally {
            FileTrees.deleteRecursively(staging);
        }
    }
}
