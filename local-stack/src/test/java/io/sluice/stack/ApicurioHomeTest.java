package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioHomeTest {

    @TempDir
    Path tmp;

    @Test
    void prefersTheDirectoryTheBuildUnpacked() throws IOException {
        Path build = fakeHome(tmp.resolve("build"));
        Path env = fakeHome(tmp.resolve("env"));

        Path home = ApicurioHome.locate(Optional.of(build), Optional.of(env), tmp.resolve("none.tar.gz"),
                tmp.resolve("cache"));

        assertThat(home).isEqualTo(build);
    }

    @Test
    void fallsBackToTheEnvironmentWhenTheBuildDirectoryIsGone() throws IOException {
        Path env = fakeHome(tmp.resolve("env"));

        Path home = ApicurioHome.locate(Optional.of(tmp.resolve("moved-away")), Optional.of(env),
                tmp.resolve("none.tar.gz"), tmp.resolve("cache"));

        assertThat(home).isEqualTo(env);
    }

    @Test
    void unpacksTheBundleIntoTheCacheOnceAndReusesIt() throws Exception {
        Path tarball = tarGz(fakeHome(tmp.resolve("bundle")), tmp.resolve("bundle.tar.gz"));
        Path cache = tmp.resolve("cache/apicurio");

        Path first = ApicurioHome.locate(Optional.of(tmp.resolve("gone")), Optional.empty(), tarball, cache);
        Files.delete(tarball);
        Path second = ApicurioHome.locate(Optional.empty(), Optional.empty(), tarball, cache);

        assertThat(first).isEqualTo(cache);
        assertThat(second).isEqualTo(cache);
        assertThat(cache.resolve(ApicurioHome.RUNNER_JAR)).isRegularFile();
        assertThat(cache.resolve("lib/some.jar")).isRegularFile();
        // No staging directory left next to the cache.
        try (var siblings = Files.list(cache.getParent())) {
            assertThat(siblings).containsExactly(cache);
        }
    }

    @Test
    void rejectsAnArchiveThatIsNotTheBundle() throws Exception {
        Path notBundle = tmp.resolve("other");
        Files.createDirectories(notBundle);
        Files.writeString(notBundle.resolve("README"), "something else");
        Path tarball = tarGz(notBundle, tmp.resolve("other.tar.gz"));
        Path cache = tmp.resolve("cache/apicurio");

        assertThatThrownBy(() -> ApicurioHome.locate(Optional.empty(), Optional.empty(), tarball, cache))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not contain " + ApicurioHome.RUNNER_JAR);
        assertThat(cache).doesNotExist();
    }

    @Test
    void explainsWhatToDoWhenNothingIsAvailable() {
        Path missing = tmp.resolve("missing.tar.gz");

        assertThatThrownBy(() -> ApicurioHome.locate(Optional.of(tmp.resolve("gone")), Optional.empty(),
                missing, tmp.resolve("cache")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(ApicurioHome.ENV);
    }

    private static Path fakeHome(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve(ApicurioHome.RUNNER_JAR), "not really a jar");
        Files.writeString(dir.resolve("lib/some.jar"), "not really a jar either");
        return dir;
    }

    private static Path tarGz(Path contents, Path tarball) throws Exception {
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", contents.toString(), ".")
                .inheritIO()
                .start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        return tarball;
    }
}
