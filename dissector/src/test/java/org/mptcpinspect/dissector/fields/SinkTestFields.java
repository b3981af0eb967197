package org.mptcpinspect.dissector.fields;

import java.util.List;

/** A small made-up protocol for sink and filter tests, shaped like ip/tcp fields. */
public final class SinkTestFields {
    public static final FieldGroup GROUP = new FieldGroup("t", 61);
    public static final Field PROTO = GROUP.protocol("t", "Test Protocol");
    public static final Field ADDR = GROUP.field(FieldType.IPV4, "t.addr", "Address", Field.HIDDEN);
    public static final Field SRC = GROUP.field(FieldType.IPV4, "t.src", "Source Address");
    public static final Field PORT = GROUP.uint(FieldType.UINT16, "t.port", "Port", DisplayBase.DEC, Field.HIDDEN);
    public static final Field FLAGS = GROUP.uint(FieldType.UINT16, "t.flags", "Flags", DisplayBase.HEX);
    public static final Field SYN = GROUP.bool("t.flags.syn", "Syn", 12, 0x002, TrueFalse.SET_NOT_SET);
    public static final Field KIND = GROUP.bits(FieldType.UINT8, "t.kind", "Kind", DisplayBase.DEC, 0xf0,
            ValueNames.of(0, "Multipath Capable", 2, "Data Sequence Signal"));
    public static final Field KEY = GROUP.uint(FieldType.UINT64, "t.key", "Key", DisplayBase.DEC);
    public static final Field HMAC = GROUP.field(FieldType.BYTES, "t.hmac", "HMAC");
    public static final Field V6 = GROUP.field(FieldType.IPV6, "t.v6", "IPv6");
    public static final Field MAC = GROUP.field(FieldType.ETHER, "t.mac", "MAC");
    public static final Field NAME = GROUP.field(FieldType.STRING, "t.name", "Name");
    public static final Field REL = GROUP.field(FieldType.RELATIVE_TIME, "t.rel", "Relative", Field.GENERATED);
    public static final Field NONE = GROUP.none("t.none", "Nothing");
    public static final Field TTL = GROUP.uint(FieldType.UINT8, "t.ttl", "TTL", DisplayBase.DEC);

    private SinkTestFields() {
    }

    public static FieldRegistry registry() {
        return new FieldRegistry(List.of(FrameFields.GROUP, GROUP));
    }

    static final byte[] FRAME = {
        (byte) 0xef, (byte) 0xe3, 0x37, (byte) 0xa0,                    // 0: hmac
        0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // 4: 2001:db8::1
        0x4e, (byte) 0xda, 0x26, 0x30, 0x39, (byte) 0x88                 // 20: mac
    };

    /** A packet: addresses 192.0.2.1 -> 192.0.2.2, ports 32786 -> 5201, SYN, two kinds. */
    public static void emit(FieldSink sink) {
        sink.protocol(PROTO, 0, 26);
        if (sink.wantsText()) {
            sink.label("Test Protocol, Src: 192.0.2.1");
        }
        sink.open();
        sink.ipv4(SRC, 0xc0000201, 0);
        sink.ipv4(ADDR, 0xc0000201, 0);
        sink.ipv4(ADDR, 0xc0000202, 4);
        sink.uint(PORT, 32786, 8, 2);
        sink.uint(PORT, 5201, 10, 2);
        sink.uint(FLAGS, 0x002, 12, 2);
        sink.open();
        sink.bool(SYN, true, 12, 2);
        sink.close();
        sink.uint(KIND, 0, 14, 1);
        sink.uint(KIND, 2, 15, 1);
        sink.uint(KEY, 0xdf7e041d157976c6L, 16, 8);
        sink.bytes(HMAC, FRAME, 0, 4);
        sink.ipv6(V6, FRAME, 4);
        sink.ether(MAC, FRAME, 20);
        sink.string(NAME, "a\tb", 0, 0);
        sink.time(REL, 19_000, 0, 0);
        sink.none(NONE, 0, 1);
        if (sink.wantsText()) {
            sink.text("A text item", true, 0, 0);
        }
        sink.close();
    }
}
