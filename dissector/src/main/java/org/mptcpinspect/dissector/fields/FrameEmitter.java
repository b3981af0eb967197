package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;

/** Emits the "Frame" layer: capture metadata, in Wireshark's order. */
public final class FrameEmitter {
    private FrameEmitter() {
    }

    /**
     * @param protocols      the frame.protocols value ("sll:ethertype:ip:tcp:mptcp"); may be null
     *                       when the sink does not want it
     * @param hasInterfaceId true for pcapng frames, which carry an interface id (tshark shows it then)
     */
    public static void emit(FieldSink sink, RawFrame frame, FrameClock clock, String protocols,
                            boolean hasInterfaceId) {
        int len = frame.originalLength();
        int capLen = frame.capturedLength();
        sink.protocol(FrameFields.FRAME, 0, capLen);
        if (sink.wantsText()) {
            String label = "Frame " + frame.number() + ": " + len + " bytes on wire (" + len * 8L + " bits), "
                    + capLen + " bytes captured (" + capLen * 8L + " bits)";
            // The capture reader does not give interface names; tshark says "unknown" for unnamed ones.
            sink.label(hasInterfaceId ? label + " on interface unknown, id " + frame.interfaceId() : label);
        }
        sink.open();
        if (hasInterfaceId) {
            sink.uint(FrameFields.INTERFACE_ID, frame.interfaceId(), 0, 0);
        }
        sink.uint(FrameFields.ENCAP_TYPE, wiretapEncapsulation(frame.linkType()), 0, 0);
        long ts = frame.timestampNanos();
        sink.time(FrameFields.TIME, ts, 0, 0);
        sink.time(FrameFields.OFFSET_SHIFT, 0, 0, 0);
        sink.time(FrameFields.TIME_EPOCH, ts, 0, 0);
        sink.time(FrameFields.TIME_DELTA, clock.delta(), 0, 0);
        sink.time(FrameFields.TIME_DELTA_DISPLAYED, clock.deltaDisplayed(), 0, 0);
        sink.time(FrameFields.TIME_RELATIVE, clock.relative(), 0, 0);
        sink.uint(FrameFields.NUMBER, frame.number(), 0, 0);
        sink.uint(FrameFields.LEN, len, 0, 0);
        if (sink.wantsText()) {
            sink.label("Frame Length: " + len + " bytes (" + len * 8L + " bits)");
        }
        sink.uint(FrameFields.CAP_LEN, capLen, 0, 0);
        if (sink.wantsText()) {
            sink.label("Capture Length: " + capLen + " bytes (" + capLen * 8L + " bits)");
        }
        sink.bool(FrameFields.MARKED, false, 0, 0);
        sink.bool(FrameFields.IGNORED, false, 0, 0);
        if (protocols != null) {
            sink.string(FrameFields.PROTOCOLS, protocols, 0, 0);
        }
        sink.close();
    }

    /** Wiretap's WTAP_ENCAP_* number for a LINKTYPE_* value, as frame.encap_type shows it. */
    public static int wiretapEncapsulation(int linkType) {
        return switch (linkType) {
            case LinkType.ETHERNET -> 1;
            case LinkType.RAW -> 7;
            case LinkType.NULL -> 15;
            case LinkType.LINUX_SLL -> 25;
            case LinkType.IPV4 -> 129;
            case LinkType.IPV6 -> 130;
            case LinkType.LOOP -> 174;
            case LinkType.LINUX_SLL2 -> 210;
            default -> -1;
        };
    }
}
