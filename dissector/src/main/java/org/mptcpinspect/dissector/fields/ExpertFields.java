package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;

/** Wireshark's _ws.expert.* fields, which every expert info item carries. */
public final class ExpertFields {
    public static final FieldGroup GROUP = new FieldGroup("_ws.expert", 7);

    public static final Field EXPERT = GROUP.add("_ws.expert", "Expert Info", FieldType.PROTOCOL, DisplayBase.NONE,
            0, 0, Field.GENERATED, ValueNames.NONE, null);
    public static final Field MESSAGE = GROUP.add("_ws.expert.message", "Message", STRING, DisplayBase.NONE, 0, 0,
            Field.GENERATED | Field.HIDDEN, ValueNames.NONE, null);
    public static final Field SEVERITY = GROUP.add("_ws.expert.severity", "Severity level", UINT32, DisplayBase.NONE,
            0, 32, Field.GENERATED, severities(), null);
    public static final Field GROUP_FIELD = GROUP.add("_ws.expert.group", "Group", UINT32, DisplayBase.NONE, 0, 32,
            Field.GENERATED, groups(), null);

    /** "[Malformed Packet: PROTO]": a protocol ran out of bytes (Wireshark's exception item). */
    public static final Field MALFORMED = GROUP.protocol("_ws.malformed", "Malformed Packet");
    public static final Field MALFORMED_EXPERT = GROUP.none("_ws.malformed.expert",
            "Malformed Packet (Exception occurred)", Field.GENERATED);
    public static final Expert MALFORMED_PACKET = new Expert(MALFORMED_EXPERT, Expert.Severity.ERROR,
            Expert.Group.MALFORMED, "Malformed Packet (Exception occurred)");
    /** "[Packet size limited during capture: PROTO truncated]": the snaplen cut a header. */
    public static final Field SHORT = GROUP.protocol("_ws.short", "Short Frame");

    private ExpertFields() {
    }

    /** The item Wireshark adds at the top level when {@code protocol}'s dissector ran out of bytes. */
    public static void malformed(FieldSink sink, String protocol) {
        sink.protocol(MALFORMED, 0, 0);
        if (sink.wantsText()) {
            sink.label("[Malformed Packet: " + protocol + "]");
        }
        sink.open();
        if (sink.wantsExpert(MALFORMED_PACKET)) {
            sink.expert(MALFORMED_PACKET, MALFORMED_PACKET.message(), 0, 0);
        }
        sink.protocol(MALFORMED, 0, 0);
        sink.hide();
        sink.close();
    }

    /** The item Wireshark adds at the top level when the capture's snaplen cut {@code protocol}. */
    public static void shortFrame(FieldSink sink, String protocol) {
        sink.protocol(SHORT, 0, 0);
        if (sink.wantsText()) {
            sink.label("[Packet size limited during capture: " + protocol + " truncated]");
        }
    }

    private static ValueNames severities() {
        Expert.Severity[] all = Expert.Severity.values();
        Object[] pairs = new Object[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            pairs[2 * i] = all[i].value();
            pairs[2 * i + 1] = all[i].label();
        }
        return ValueNames.of(pairs);
    }

    private static ValueNames groups() {
        Expert.Group[] all = Expert.Group.values();
        Object[] pairs = new Object[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            pairs[2 * i] = all[i].value();
            pairs[2 * i + 1] = all[i].label();
        }
        return ValueNames.of(pairs);
    }

    /** True if a sink wants anything of this expert item. */
    public static boolean wanted(FieldSink sink, Expert expert) {
        return sink.wantsText() || sink.wants(expert.field()) || sink.wants(EXPERT) || sink.wants(MESSAGE)
                || sink.wants(SEVERITY) || sink.wants(GROUP_FIELD);
    }

    /**
     * Emits an expert item the way Wireshark builds it: a generated "_ws.expert" item labelled
     * "Expert Info (Severity/Group): message" holding the specific field, message, severity and group.
     * As in Wireshark, the expert item and the items under it have no place in the frame
     * ({@link FieldSink#NO_BYTES}): {@code offset} and {@code length} say which bytes it is about,
     * which its place in the tree (under the flagged item) shows.
     */
    public static void emit(FieldSink sink, Expert expert, String message, int offset, int length) {
        sink.protocol(EXPERT, FieldSink.NO_BYTES, 0);
        if (sink.wantsText()) {
            sink.label("Expert Info (" + expert.severity().label() + "/" + expert.group().label() + "): " + message);
        }
        sink.open();
        sink.none(expert.field(), FieldSink.NO_BYTES, 0);
        if (sink.wantsText()) {
            sink.label(message);
        }
        sink.string(MESSAGE, message, FieldSink.NO_BYTES, 0);
        sink.uint(SEVERITY, expert.severity().value(), FieldSink.NO_BYTES, 0);
        sink.uint(GROUP_FIELD, expert.group().value(), FieldSink.NO_BYTES, 0);
        sink.close();
    }
}
