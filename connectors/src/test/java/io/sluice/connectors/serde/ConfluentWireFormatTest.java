package io.sluice.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void frameWritesMagicByteBigEndianIdAndPayload() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {9, 8});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
        assertThat(ConfluentWireFormat.payloadOffset()).isEqualTo(5);
    }

    @Test
    void schemaIdRoundTripsThroughFrameIncludingLargeIds() {
        for (int id : new int[] {0, 1, 255, 256, 65_536, Integer.MAX_VALUE, -1}) {
            assertThat(ConfluentWireFormat.schemaId(ConfluentWireFormat.frame(id, new byte[0]))).isEqualTo(id);
        }
    }

    @Test
    void nullValueIsRejectedAsPossibleTombstone() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(null))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("null")
                .hasMessageContaining("tombstone");
    }

    @Test
    void emptyValueIsRejected() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[0]))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void valueShorterThanHeaderIsRejectedWithItsLength() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicByteIsRejectedNamingTheByteFound() {
        byte[] json = "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("magic byte 0x00");
    }

    @Test
    void wrongMagicByteIsReportedEvenWhenValueIsShort() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {(byte) 0xff}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("0xff");
    }

    @Test
    void framingNullPayloadIsRejected() {
        assertThatThrownBy(() -> ConfluentWireFormat.frame(3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema id 3");
    }
}
