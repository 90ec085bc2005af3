package io.sluice.pipeline.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {
    private static final AlertRules RULES = new AlertRules(0.1, 0.25, 0.05, 0.01, 100, 2, 2, 3);

    @Test
    void raisesAfterKOverWindowsClearsAfterMUnderAndCoolsDown() {
        AlertStateMachine m = new AlertStateMachine();
        // over, under (resets the run), over, over -> RAISED at 3; one under is not enough, two clear at 6;
        // the cooldown of 3 windows holds back 7..9 although they are over; 10 raises again.
        boolean[] over = {true, false, true, true, true, false, false, true, true, true, true, true};
        List<AlertState> states = new ArrayList<>();
        for (int w = 0; w < over.length; w++) {
            states.add(m.step(w, true, over[w], !over[w], RULES));
        }
        assertThat(states).containsExactly(null, null, null, AlertState.RAISED, AlertState.ONGOING,
                AlertState.ONGOING, AlertState.CLEARED, null, null, null, AlertState.RAISED, AlertState.ONGOING);
    }

    @Test
    void windowsTooSmallToJudgeNeitherRaiseNorClear() {
        AlertStateMachine m = new AlertStateMachine();
        assertThat(m.step(0, true, true, false, RULES)).isNull();
        assertThat(m.step(1, false, true, false, RULES)).isNull();
        assertThat(m.step(2, true, true, false, RULES)).isEqualTo(AlertState.RAISED);
        assertThat(m.step(3, false, false, true, RULES)).isNull();
        assertThat(m.step(4, true, false, true, RULES)).isEqualTo(AlertState.ONGOING);
        assertThat(m.active()).isTrue();
    }
}
