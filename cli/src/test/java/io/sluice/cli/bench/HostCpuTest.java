package io.sluice.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCpuTest {

    @Test
    void countsIdleAndIowaitAsIdleAndEverythingElseAsBusy() {
        HostCpu.Sample s = HostCpu.parse(List.of(
                "cpu  100 10 50 800 40 5 3 2 0 0",
                "cpu0 50 5 25 400 20 2 1 1 0 0",
                "cpu1 50 5 25 400 20 3 2 1 0 0",
                "intr 12345 0 0",
                "ctxt 999"));
        assertThat(s.busyTicks()).isEqualTo(100 + 10 + 50 + 5 + 3 + 2);
        assertThat(s.totalTicks()).isEqualTo(170 + 800 + 40);
        assertThat(s.cpus()).isEqualTo(2);
    }

    @Test
    void othersAreTheBusyShareThisProcessDoesNotAccountFor() {
        HostCpu.Sample before = new HostCpu.Sample(1_000, 10_000, 2);
        // 2,000 ticks over both CPUs, 1,500 of them busy: 75% busy.
        HostCpu.Sample after = new HostCpu.Sample(2_500, 12_000, 2);
        // This process: 5 CPU-seconds in 10 s on 2 CPUs, 25% of the host.
        HostCpu.Usage usage = HostCpu.between(before, after, 5.0, 10.0);
        assertThat(usage.hostBusyFraction()).isCloseTo(0.75, within(1e-9));
        assertThat(usage.processFraction()).isCloseTo(0.25, within(1e-9));
        assertThat(usage.othersFraction()).isCloseTo(0.50, within(1e-9));
        // Counters read a moment apart can put this process above the host: others never go negative.
        assertThat(HostCpu.between(before, after, 20.0, 10.0).othersFraction()).isZero();
    }

    @Test
    void rejectsAStatFileWithoutTheAggregateLine() {
        assertThatThrownBy(() -> HostCpu.parse(List.of("cpu0 1 2 3 4", "intr 1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisMachinesCountersWhereThereAreAny() {
        HostCpu.read().ifPresent(s -> {
            assertThat(s.totalTicks()).isGreaterThanOrEqualTo(s.busyTicks()).isPositive();
            assertThat(s.cpus()).isPositive();
        });
    }
}
