package org.mptcpinspect.dissector.fields;

/** The "Data" protocol: payload bytes no dissector claimed (data.data, data.len). */
public final class DataFields {
    public static final FieldGroup GROUP = new FieldGroup("data", 6);

    public static final Field DATA = GROUP.add("data", "Data", FieldType.PROTOCOL, DisplayBase.NONE, 0, 0,
            Field.PAYLOAD, ValueNames.NONE, null);
    public static final Field DATA_DATA = GROUP.field(FieldType.BYTES, "data.data", "Data");
    public static final Field DATA_LEN = GROUP.add("data.len", "Length", FieldType.INT32, DisplayBase.DEC, 0, 32,
            Field.GENERATED, ValueNames.NONE, null);

    /** Protocols after IP that we name but do not dissect (frame.protocols, Protocol column). */
    public static final Field ARP = GROUP.protocol("arp", "Address Resolution Protocol");
    public static final Field UDP = GROUP.protocol("udp", "User Datagram Protocol");
    public static final Field ICMP = GROUP.protocol("icmp", "Internet Control Message Protocol");
    public static final Field ICMPV6 = GROUP.protocol("icmpv6", "Internet Control Message Protocol v6");

    private DataFields() {
    }
}
