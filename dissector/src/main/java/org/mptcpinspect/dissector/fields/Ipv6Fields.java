package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.DisplayBase.HEX;
import static org.mptcpinspect.dissector.fields.FieldType.IPV6;
import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT16;
import static org.mptcpinspect.dissector.fields.FieldType.UINT24;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;
import static org.mptcpinspect.dissector.fields.FieldType.UINT8;

/** IPv6 fields (ipv6.*), fixed header only. */
public final class Ipv6Fields {
    public static final FieldGroup GROUP = new FieldGroup("ipv6", 3);

    public static final Field IPV6_PROTO = GROUP.protocol("ipv6", "Internet Protocol Version 6");
    public static final Field VERSION = GROUP.uint(UINT8, "ipv6.version", "Version", DEC);
    public static final Field TCLASS = GROUP.bits(UINT32, "ipv6.tclass", "Traffic Class", HEX, 0x0ff00000);
    public static final Field TCLASS_DSCP = GROUP.bits(UINT32, "ipv6.tclass.dscp", "Differentiated Services Codepoint",
            DEC, 0x0fc00000, IpFields.DSCP);
    public static final Field TCLASS_ECN = GROUP.bits(UINT32, "ipv6.tclass.ecn", "Explicit Congestion Notification",
            DEC, 0x00300000, IpFields.ECN);
    public static final Field FLOW = GROUP.bits(UINT24, "ipv6.flow", "Flow Label", HEX, 0xfffff);
    public static final Field PLEN = GROUP.uint(UINT16, "ipv6.plen", "Payload Length", DEC);
    public static final Field NXT = GROUP.uint(UINT8, "ipv6.nxt", "Next Header", DEC, IpFields.PROTOCOLS);
    public static final Field HLIM = GROUP.uint(UINT8, "ipv6.hlim", "Hop Limit", DEC);
    public static final Field SRC = GROUP.field(IPV6, "ipv6.src", "Source Address");
    public static final Field ADDR = GROUP.field(IPV6, "ipv6.addr", "Source or Destination Address", Field.HIDDEN);
    public static final Field SRC_HOST = GROUP.field(STRING, "ipv6.src_host", "Source Host", Field.HIDDEN);
    public static final Field HOST = GROUP.field(STRING, "ipv6.host", "Source or Destination Host", Field.HIDDEN);
    public static final Field DST = GROUP.field(IPV6, "ipv6.dst", "Destination Address");
    public static final Field DST_HOST = GROUP.field(STRING, "ipv6.dst_host", "Destination Host", Field.HIDDEN);

    private Ipv6Fields() {
    }
}
