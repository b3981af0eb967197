package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.FieldType.INT16;
import static org.mptcpinspect.dissector.fields.FieldType.RELATIVE_TIME;
import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;

/** Wireshark's frame.* fields: capture metadata of each frame. */
public final class FrameFields {
    public static final FieldGroup GROUP = new FieldGroup("frame", 0);

    public static final Field FRAME = GROUP.protocol("frame", "Frame");
    public static final Field INTERFACE_ID = GROUP.uint(UINT32, "frame.interface_id", "Interface id", DisplayBase.DEC);
    public static final Field ENCAP_TYPE = GROUP.uint(INT16, "frame.encap_type", "Encapsulation type", DisplayBase.DEC,
            ValueNames.of(1, "Ethernet", 7, "Raw IP", 15, "NULL/Loopback", 25, "Linux cooked-mode capture v1",
                    129, "Raw IPv4", 130, "Raw IPv6", 174, "OpenBSD loopback", 210, "Linux cooked-mode capture v2"));
    public static final Field TIME = GROUP.field(FieldType.ABSOLUTE_TIME, "frame.time", "Arrival Time");
    public static final Field OFFSET_SHIFT = GROUP.field(RELATIVE_TIME, "frame.offset_shift",
            "Time shift for this packet", Field.GENERATED);
    public static final Field TIME_EPOCH = GROUP.field(RELATIVE_TIME, "frame.time_epoch", "Epoch Time");
    public static final Field TIME_DELTA = GROUP.field(RELATIVE_TIME, "frame.time_delta",
            "Time delta from previous captured frame", Field.GENERATED);
    public static final Field TIME_DELTA_DISPLAYED = GROUP.field(RELATIVE_TIME, "frame.time_delta_displayed",
            "Time delta from previous displayed frame", Field.GENERATED);
    public static final Field TIME_RELATIVE = GROUP.field(RELATIVE_TIME, "frame.time_relative",
            "Time since reference or first frame", Field.GENERATED);
    public static final Field NUMBER = GROUP.uint(UINT32, "frame.number", "Frame Number", DisplayBase.DEC);
    public static final Field LEN = GROUP.uint(UINT32, "frame.len", "Frame length on the wire", DisplayBase.DEC);
    public static final Field CAP_LEN = GROUP.uint(UINT32, "frame.cap_len", "Frame length stored into the capture file",
            DisplayBase.DEC);
    public static final Field MARKED = GROUP.bool("frame.marked", "Frame is marked", 0, 0, TrueFalse.TRUE_FALSE,
            Field.GENERATED);
    public static final Field IGNORED = GROUP.bool("frame.ignored", "Frame is ignored", 0, 0, TrueFalse.TRUE_FALSE,
            Field.GENERATED);
    public static final Field PROTOCOLS = GROUP.field(STRING, "frame.protocols", "Protocols in frame", Field.GENERATED);

    private FrameFields() {
    }
}
