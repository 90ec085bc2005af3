package io.sluice.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private static final List<String> OUTPUTS = List.of("accepted", "quarantined", "resynthesis", "deadletter");

    @Test
    void everyRecordDeliveredOnceReconciles() {
        DeliveryLedger ledger = new DeliveryLedger("r1-", OUTPUTS);
        for (int n = 0; n < 200_000; n++) {
            ledger.published("r1-" + n);
            ledger.delivered("r1-" + n, OUTPUTS.get(n % 4));
        }
        DeliveryLedger.Reconciliation r = ledger.reconcile();
        assertThat(r.missing()).isZero();
        assertThat(r.duplicated()).isZero();
    }

    @Test
    void namesMissingAndDuplicatedRecordsWithTheirTopics() {
        DeliveryLedger ledger = new DeliveryLedger("r1-", OUTPUTS);
        for (int n = 0; n < 10; n++) {
            ledger.published("r1-" + n);
        }
        for (int n = 0; n < 10; n++) {
            if (n != 3 && n != 7) {
                ledger.delivered("r1-" + n, "accepted");
            }
        }
        ledger.delivered("r1-5", "deadletter");
        for (int i = 0; i < 20; i++) {
            ledger.delivered("r1-8", "quarantined");
        }
        // A key of another run, and one delivered but never published (a record of an earlier run).
        ledger.delivered("r0-5", "accepted");
        ledger.delivered("r1-70000", "accepted");

        DeliveryLedger.Reconciliation r = ledger.reconcile();
        assertThat(r.missing()).isEqualTo(2);
        assertThat(r.missingExamples()).containsExactly("r1-3", "r1-7");
        assertThat(r.duplicated()).isEqualTo(2);
        assertThat(r.duplicatedExamples()).containsExactly("r1-5 [accepted, deadletter]",
                "r1-8 [accepted, quarantined, … (15 or more)]");
        assertThat(ledger.otherArrivals()).isEqualTo(1);
    }

    @Test
    void examplesStopAtFiveButCountsDoNot() {
        DeliveryLedger ledger = new DeliveryLedger("x-", OUTPUTS);
        for (int n = 0; n < 1000; n++) {
            ledger.published("x-" + n);
        }
        DeliveryLedger.Reconciliation r = ledger.reconcile();
        assertThat(r.missing()).isEqualTo(1000);
        assertThat(r.missingExamples()).hasSize(5).startsWith("x-0");
    }

    @Test
    void refusesIdsOfAnotherRunAndUnknownTopics() {
        DeliveryLedger ledger = new DeliveryLedger("r1-", OUTPUTS);
        assertThatThrownBy(() -> ledger.published("r2-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.published("r1-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.delivered("r1-1", "elsewhere")).isInstanceOf(IllegalArgumentException.class);
    }
}
