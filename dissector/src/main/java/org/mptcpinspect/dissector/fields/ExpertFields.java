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

    private ExpertFields() {
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
     */
    public static void emit(FieldSink sink, Expert expert, String message, int offset, int length) {
        sink.protocol(EXPERT, offset, length);
        if (sink.wantsText()) {
            sink.label("Expert Info (" + expert.severity().label() + "/" + expert.group().label() + "): " + message);
        }
        sink.open();
        sink.none(expert.field(), offset, length);
        if (sink.wantsText()) {
            sink.label(message);
        }
        sink.string(MESSAGE, message, 0, 0);
        sink.uint(SEVERITY, expert.severity().value(), 0, 0);
        sink.uint(GROUP_FIELD, expert.group().value(), 0, 0);
        sink.close();
    }
}
