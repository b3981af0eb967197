package org.mptcpinspect.dissector.fields;

/**
 * An expert info definition, as Wireshark's ei_register_info: the field that marks it (e.g.
 * {@code tcp.options.mptcp.bad_length}), its severity and group, and the default message.
 */
public record Expert(Field field, Severity severity, Group group, String message) {

    /** Wireshark's PI_* severities, lowest first; {@link #value()} is what _ws.expert.severity holds. */
    public enum Severity {
        COMMENT("Comment", 0x00100000), CHAT("Chat", 0x00200000), NOTE("Note", 0x00400000),
        WARNING("Warning", 0x00600000), ERROR("Error", 0x00800000);

        private final String label;
        private final int value;

        Severity(String label, int value) {
            this.label = label;
            this.value = value;
        }

        public String label() {
            return label;
        }

        public int value() {
            return value;
        }
    }

    /** Wireshark's PI_* groups; {@link #value()} is what _ws.expert.group holds. */
    public enum Group {
        CHECKSUM("Checksum", 0x01000000), SEQUENCE("Sequence", 0x02000000),
        RESPONSE_CODE("Response code", 0x03000000), REQUEST_CODE("Request code", 0x04000000),
        UNDECODED("Undecoded", 0x05000000), REASSEMBLE("Reassemble", 0x06000000),
        MALFORMED("Malformed", 0x07000000), DEBUG("Debug", 0x08000000), PROTOCOL("Protocol", 0x09000000),
        SECURITY("Security", 0x0a000000), COMMENTS_GROUP("Comment", 0x0b000000),
        DECRYPTION("Decryption", 0x0c000000), ASSUMPTION("Assumption", 0x0d000000),
        DEPRECATED("Deprecated", 0x0e000000);

        private final String label;
        private final int value;

        Group(String label, int value) {
            this.label = label;
            this.value = value;
        }

        public String label() {
            return label;
        }

        public int value() {
            return value;
        }
    }
}
