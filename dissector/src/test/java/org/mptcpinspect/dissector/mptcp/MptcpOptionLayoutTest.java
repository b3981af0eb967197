package org.mptcpinspect.dissector.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.AT;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.option;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte ranges from the read-pos parser, by hand; TsharkCrossCheckTest compares them with tshark's. */
class MptcpOptionLayoutTest {

    private static Map<String, ByteRange> spans(OptionBytes option) {
        return MptcpOptionLayout.fieldSpans(option.frame(), AT);
    }

    @Test
    void dssWithDataAckMappingAndChecksumInFrameOrder() {
        Map<String, ByteRange> spans = spans(option(20, 2, 0).u8(0x05).u32(1).u32(2).u32(3).u16(4).u16(5));
        assertEquals(List.of("kind", "length", "subtypeByte", "flags", "dataAck", "dataSequenceNumber",
                "subflowSequenceNumber", "dataLevelLength", "checksum"), List.copyOf(spans.keySet()));
        assertEquals(new ByteRange(AT, 1), spans.get("kind"));
        assertEquals(new ByteRange(AT + 3, 1), spans.get("flags"));
        assertEquals(new ByteRange(AT + 4, 4), spans.get("dataAck"));
        assertEquals(new ByteRange(AT + 8, 4), spans.get("dataSequenceNumber"));
        assertEquals(new ByteRange(AT + 12, 4), spans.get("subflowSequenceNumber"));
        assertEquals(new ByteRange(AT + 16, 2), spans.get("dataLevelLength"));
        assertEquals(new ByteRange(AT + 18, 2), spans.get("checksum"));
    }

    @Test
    void joinAckHmacAndMpCapableKeys() {
        Map<String, ByteRange> join = spans(option(24, 1, 0).u8(0).bytes(new byte[20]));
        assertEquals(new ByteRange(AT + 3, 1), join.get("reserved"));
        assertEquals(new ByteRange(AT + 4, 20), join.get("senderHmac"));
        Map<String, ByteRange> capable = spans(option(20, 0, 1).u8(0x81).u64(1).u64(2));
        assertEquals(new ByteRange(AT + 4, 8), capable.get("senderKey"));
        assertEquals(new ByteRange(AT + 12, 8), capable.get("receiverKey"));
    }

    @Test
    void addAddrIpv6AndRemoveAddrElements() {
        Map<String, ByteRange> add = spans(option(30, 3, 0).u8(1).bytes(new byte[16]).u16(80).u64(9));
        assertEquals(List.of("kind", "length", "subtypeByte", "addressId", "address", "port", "truncatedHmac"),
                List.copyOf(add.keySet()));
        assertEquals(new ByteRange(AT + 4, 16), add.get("address"));
        assertEquals(new ByteRange(AT + 20, 2), add.get("port"));
        Map<String, ByteRange> remove = spans(option(5, 4, 0).u8(1).u8(2));
        assertEquals(List.of("kind", "length", "subtypeByte", "addressIds", "addressIds[0]", "addressIds[1]"),
                List.copyOf(remove.keySet()));
        assertEquals(new ByteRange(AT + 3, 2), remove.get("addressIds"));
        assertEquals(new ByteRange(AT + 4, 1), remove.get("addressIds[1]"));
    }

    @Test
    void truncatedOptionListsTheFieldsThatFit() {
        Map<String, ByteRange> spans = spans(option(8, 2, 0).u8(0x05).u32(1));
        assertEquals(List.of("kind", "length", "subtypeByte", "flags", "dataAck"), List.copyOf(spans.keySet()));
    }

    @Test
    void lengthOctetBeyondTheFrameStopsAtTheFrameEnd() {
        byte[] frame = {30, 24, 0x00, (byte) 0x81, 1, 2};
        assertEquals(List.of("kind", "length", "subtypeByte", "flags"),
                List.copyOf(MptcpOptionLayout.fieldSpans(frame, 0).keySet()));
    }

    @Test
    void offsetsOutsideTheFrameGiveNothing() {
        assertEquals(Map.of(), MptcpOptionLayout.fieldSpans(new byte[4], 4));
        assertEquals(Map.of(), MptcpOptionLayout.fieldSpans(new byte[4], -1));
        assertEquals(List.of("kind"), List.copyOf(MptcpOptionLayout.fieldSpans(new byte[] {30}, 0).keySet()));
    }
}
