package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ValueFormatTest {
    private static final FieldGroup G = new FieldGroup("test", 60);
    private static final Field HEX8 = G.uint(FieldType.UINT8, "t.hex8", "Hex8", DisplayBase.HEX);
    private static final Field HEX16_MASKED = G.bits(FieldType.UINT16, "t.hex16m", "Hex16m", DisplayBase.HEX, 0x0fff);
    private static final Field HEX24 = G.uint(FieldType.UINT24, "t.hex24", "Hex24", DisplayBase.HEX);
    private static final Field HEX_DEC32 = G.uint(FieldType.UINT32, "t.hexdec", "HexDec", DisplayBase.HEX_DEC);
    private static final Field DEC_HEX16 = G.uint(FieldType.UINT16, "t.dechex", "DecHex", DisplayBase.DEC_HEX);
    private static final Field HEX64 = G.uint(FieldType.UINT64, "t.hex64", "Hex64", DisplayBase.HEX);
    private static final Field DEC64 = G.uint(FieldType.UINT64, "t.dec64", "Dec64", DisplayBase.DEC);
    private static final Field ABS = G.field(FieldType.ABSOLUTE_TIME, "t.abs", "Abs");
    private static final Field REL = G.field(FieldType.RELATIVE_TIME, "t.rel", "Rel");

    private final ValueFormat format = new ValueFormat(ZoneId.of("UTC"));

    private String uint(Field f, long v) {
        TextBuffer b = new TextBuffer();
        format.uint(b, f, v);
        return b.toString();
    }

    @Test
    void hexIsPaddedToTheTypeWidthNotTheMask() {
        // tshark -T fields: tcp.flags (UINT16, mask 0x0fff) prints 0x0010, ip.flags 0x02.
        assertEquals("0x01", uint(HEX8, 1));
        assertEquals("0x0010", uint(HEX16_MASKED, 0x10));
        assertEquals("0x00abcd", uint(HEX24, 0xabcd));
        assertEquals("0x0000e574", uint(HEX_DEC32, 0xe574));
        assertEquals("0xdf7e041d157976c6", uint(HEX64, 0xdf7e041d157976c6L));
    }

    @Test
    void decimalForDecAndDecHex() {
        assertEquals("5201", uint(DEC_HEX16, 5201));
        assertEquals("16104313840484316870", uint(DEC64, 0xdf7e041d157976c6L));
        assertEquals("18446744073709551615", uint(DEC64, -1L));
        assertEquals("0", uint(DEC64, 0));
        assertEquals("9223372036854775808", uint(DEC64, Long.MIN_VALUE));
    }

    private String ipv6Bytes(int... words) {
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[2 * i] = (byte) (words[i] >> 8);
            a[2 * i + 1] = (byte) words[i];
        }
        TextBuffer b = new TextBuffer();
        format.ipv6(b, a, 0);
        return b.toString();
    }

    @Test
    void ipv6IsCompressedAsInetNtop() {
        assertEquals("2001:db8::1", ipv6Bytes(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
        assertEquals("::", ipv6Bytes(0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("::1", ipv6Bytes(0, 0, 0, 0, 0, 0, 0, 1));
        assertEquals("2001:db8::", ipv6Bytes(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0));
        // A single zero group is not compressed; the first of two equal runs is.
        assertEquals("2001:db8:0:1:1:1:1:1", ipv6Bytes(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1));
        assertEquals("2001:0:0:1::1", ipv6Bytes(0x2001, 0, 0, 1, 0, 0, 0, 1));
        assertEquals("2001:db8::1:0:0:1", ipv6Bytes(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1));
        assertEquals("fe80::abcd:ef01", ipv6Bytes(0xfe80, 0, 0, 0, 0, 0, 0xabcd, 0xef01));
        // IPv4-mapped and -compatible tails are dotted, as glibc prints them.
        assertEquals("::ffff:192.0.2.1", ipv6Bytes(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201));
        assertEquals("::192.0.2.1", ipv6Bytes(0, 0, 0, 0, 0, 0, 0xc000, 0x0201));
    }

    @Test
    void addresses() {
        TextBuffer b = new TextBuffer();
        format.ipv4(b, 0xc0000201);
        b.append(' ');
        format.ether(b, new byte[] {0x4e, (byte) 0xda, 0x26, 0x30, 0x39, (byte) 0x88}, 0);
        b.append(' ');
        format.bytes(b, new byte[] {(byte) 0xef, (byte) 0xe3, 0x37}, 0, 3, (char) 0);
        b.append(' ');
        format.bytes(b, new byte[] {(byte) 0xef, (byte) 0xe3, 0x37}, 0, 3, ':');
        assertEquals("192.0.2.1 4e:da:26:30:39:88 efe337 ef:e3:37", b.toString());
    }

    @Test
    void timesHaveNineDecimals() {
        TextBuffer b = new TextBuffer();
        format.time(b, REL, 19_000);
        b.append('|');
        format.time(b, REL, -1_500_000_000L);
        b.append('|');
        format.time(b, REL, 1795543769_598637000L);
        b.append('|');
        format.time(b, ABS, 1795543769_598637000L);
        b.append('|');
        format.time(b, ABS, 1700000001_000005000L);
        assertEquals("0.000019000|-1.500000000|1795543769.598637000|Nov 24, 2026 18:09:29.598637000 UTC"
                + "|Nov 14, 2023 22:13:21.000005000 UTC", b.toString());
    }

    @Test
    void singleDigitDaysArePaddedWithASpace() {
        TextBuffer b = new TextBuffer();
        format.time(b, ABS, 1_700_000_000_000_000_000L - 10L * 86_400 * 1_000_000_000L);
        assertEquals("Nov  4, 2023 22:13:20.000000000 UTC", b.toString());
    }

    @Test
    void treeLabelsUseMaskWidthAndValueNames() {
        TreeLabels labels = new TreeLabels(format);
        Field subtype = G.bits(FieldType.UINT8, "t.subtype", "Multipath TCP subtype", DisplayBase.DEC, 0xf0,
                ValueNames.of(0, "Multipath Capable", 2, "Data Sequence Signal"));
        Field reserved = G.bits(FieldType.UINT8, "t.reserved", "Reserved", DisplayBase.HEX, 0x0e);
        Field syn = G.bool("t.syn", "Syn", 12, 0x002, TrueFalse.SET_NOT_SET);
        assertEquals("0010 .... = Multipath TCP subtype: Data Sequence Signal (2)", labels.uint(subtype, 2));
        assertEquals("0111 .... = Multipath TCP subtype: Unknown (7)", labels.uint(subtype, 7));
        assertEquals(".... 000. = Reserved: 0x0", labels.uint(reserved, 0));
        assertEquals(".... .... ..1. = Syn: Set", labels.bool(syn, true));
        assertEquals(".... .... ..0. = Syn: Not set", labels.bool(syn, false));
        assertEquals("HexDec: 0x0000e574 (58740)", labels.uint(HEX_DEC32, 58740));
        assertEquals("DecHex: 5201 (0x1451)", labels.uint(DEC_HEX16, 5201));
        assertEquals("Rel: 0.000019000 seconds", labels.time(REL, 19_000));
    }
}
