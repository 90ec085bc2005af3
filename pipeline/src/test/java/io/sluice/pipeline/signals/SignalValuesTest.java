package io.sluice.pipeline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalValuesTest {

    private final SignalValues.Layout layout = new SignalValues.Layout(List.of("a.x", "a.y", "b.z"));

    @Test
    void isTheMapAFamilyFilledInOrderWouldHaveGiven() {
        SignalValues.Builder b = layout.builder();
        b.put("a.x", 1.5);
        b.put(new String("a.y"), 0.0); // equal, not identical
        b.put("b.z", -2);
        Map<String, Double> values = b.build();
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("a.x", 1.5);
        expected.put("a.y", 0.0);
        expected.put("b.z", -2.0);
        assertThat(values).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(values.keySet()).containsExactly("a.x", "a.y", "b.z");
        assertThat(values.get("b.z")).isEqualTo(-2.0);
        assertThat(values.get("nope")).isNull();
        assertThat(values.containsKey("a.y")).isTrue();
        assertThat(((SignalValues) values).value("a.x")).isEqualTo(1.5);
        assertThat(((SignalValues) values).value("nope")).isNaN();
        assertThatThrownBy(() -> values.put("a.x", 2.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsValuesThatArriveOutOfOrderAndLeavesMissingOnesOut() {
        SignalValues.Builder b = layout.builder();
        b.put("a.x", 1);
        b.put("b.z", 3);
        b.put("a.x", 4); // emitted twice: the last value counts, as in a map
        Map<String, Double> values = b.build();
        assertThat(values).containsExactly(Map.entry("a.x", 4.0), Map.entry("b.z", 3.0));
    }

    @Test
    void rejectsNamesOutsideTheLayout() {
        assertThatThrownBy(() -> layout.builder().put("c.w", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c.w");
        assertThatThrownBy(() -> new SignalValues.Layout(List.of("a.x", "a.x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
