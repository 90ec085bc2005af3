package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Test;

/**
 * The preflight's class-loading check: Flink's AvroSerializer must see Sluice's records as Avro
 * specific records, which it does not when a cluster's {@code lib/} brings its own flink-avro and Avro.
 */
class PreflightAvroTest {

    @Test
    void findsNothingWhenFlinkAvroAndTheRecordsShareOneAvro() {
        assertThat(Preflight.avroClassLoadingProblem(Preflight.class.getClassLoader())).isNull();
    }

    /** A loader holding flink-avro, Avro and flink-core of its own, as a cluster's lib/ with flink-avro in it. */
    @Test
    void namesFlinkAvroInTheClustersLibWhenItBringsItsOwnAvro() throws Exception {
        URL[] lib = {jarOf(AvroSerializer.class), jarOf(SpecificRecord.class), jarOf(TypeSerializer.class)};
        try (URLClassLoader clusterLib = new URLClassLoader(lib, ClassLoader.getPlatformClassLoader())) {
            String problem = Preflight.avroClassLoadingProblem(clusterLib);
            assertThat(problem).isNotNull().contains("Remove flink-avro, flink-sql-avro and Avro from the cluster's lib/")
                    .contains(jarOf(AvroSerializer.class).toString());
        }
    }

    @Test
    void findsNothingToCheckWithoutFlinkAvro() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(Preflight.avroClassLoadingProblem(bare)).isNull();
        }
    }

    private static URL jarOf(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }
}
