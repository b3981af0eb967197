package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;
import static org.mptcpinspect.dissector.fields.FieldType.UINT64;

/**
 * Wireshark 4.0's MPTCP analysis fields (packet-tcp.c with mptcp.analyze_mappings and
 * mptcp.intersubflows_retransmission on) and its MPTCP expert infos, plus the experts for what
 * Wireshark does not check (HMACs, DSS checksums, reinjections). They need the connection
 * tracker, so they form a group of their own: a sink that wants none of them spares the walk the
 * tracker ({@link PacketEmitter}).
 */
public final class MptcpAnalysisFields {
    public static final FieldGroup GROUP = new FieldGroup("mptcp.analysis", 8);

    private static final String TCP = "tcp";

    public static final Field ANALYSIS = GROUP.none("mptcp.analysis", "MPTCP analysis", Field.GENERATED);
    public static final Field MASTER = GROUP.bool("mptcp.master", "Master flow", 0, 0, TrueFalse.TRUE_FALSE,
            Field.GENERATED);
    public static final Field STREAM = GROUP.uint(UINT32, "mptcp.stream", "Stream index", DEC, Field.GENERATED);
    public static final Field SUBFLOWS = GROUP.field(FieldType.STRING, "mptcp.analysis.subflows",
            "TCP subflow stream id(s)", Field.GENERATED);
    public static final Field RELATED_MAPPING = GROUP.field(FieldType.FRAMENUM, "mptcp.related_mapping",
            "Related mapping", Field.GENERATED);
    /**
     * Not marked generated: Wireshark 4.0 marks the item after it (mptcp.dsn) instead, so -V shows it
     * without brackets, unless mptcp.relative_sequence_numbers is off and there is no item after it.
     */
    public static final Field RAWDSN64 = GROUP.uint(UINT64, "mptcp.rawdsn64", "Raw Data Sequence Number", DEC);
    public static final Field DSN = GROUP.uint(UINT64, "mptcp.dsn", "Data Sequence Number", DEC, Field.GENERATED);
    public static final Field REINJECTION_OF = GROUP.field(FieldType.FRAMENUM, "mptcp.reinjection_of",
            "Reinjection of", Field.GENERATED);
    public static final Field REINJECTED_IN = GROUP.field(FieldType.FRAMENUM, "mptcp.reinjected_in",
            "Data reinjected in", Field.GENERATED);
    /** In the DSS option's tree: the DATA_ACK relative to the receiver's IDSN. */
    public static final Field ACK = GROUP.uint(UINT64, "mptcp.ack", "Multipath TCP Data ACK", DEC, Field.GENERATED);
    /** In the DSS option's tree: the mapping's DSN relative to the sender's IDSN. */
    public static final Field DSS_DSN = GROUP.uint(UINT64, "mptcp.dss.dsn", "DSS Data Sequence Number", DEC,
            Field.GENERATED);

    // Expert items: their message line is generated, so -V brackets it as tshark does. Wireshark 4.0
    // registers these in its TCP dissector (so -T ek names them tcp_mptcp_...).
    public static final Field ECHOED_KEY_MISMATCH = GROUP.none("mptcp.connection.echoed_key_mismatch",
            "The echoed key in the ACK of the MPTCP handshake does not match the key of the SYN/ACK", Field.GENERATED,
            TCP);
    public static final Field MISSING_ALGORITHM = GROUP.none("mptcp.connection.missing_algorithm",
            "No crypto algorithm specified", Field.GENERATED, TCP);
    public static final Field UNSUPPORTED_ALGORITHM = GROUP.none("mptcp.connection.unsupported_algorithm",
            "Unsupported algorithm", Field.GENERATED, TCP);
    public static final Field INFINITE_MAPPING = GROUP.none("mptcp.dss.infinite_mapping",
            "Fallback to infinite mapping", Field.GENERATED, TCP);
    public static final Field MISSING_MAPPING = GROUP.none("mptcp.dss.missing_mapping", "No mapping available",
            Field.GENERATED, TCP);
    // Not in Wireshark 4.0, which verifies neither HMACs, DSS checksums nor MP_FASTCLOSE keys and flags
    // no reinjection.
    public static final Field BAD_JOIN_HMAC = GROUP.none("mptcp.analysis.bad_join_hmac",
            "MP_JOIN HMAC does not match the connection's keys", Field.GENERATED);
    public static final Field BAD_ADD_ADDR_HMAC = GROUP.none("mptcp.analysis.bad_add_addr_hmac",
            "ADD_ADDR HMAC does not match the connection's keys", Field.GENERATED);
    public static final Field BAD_DSS_CHECKSUM = GROUP.none("mptcp.analysis.bad_dss_checksum",
            "DSS checksum does not match the mapping's data", Field.GENERATED);
    public static final Field REINJECTION = GROUP.none("mptcp.analysis.reinjection",
            "Data already sent on another subflow (reinjection)", Field.GENERATED);
    public static final Field BAD_FASTCLOSE_KEY = GROUP.none("mptcp.analysis.bad_fastclose_key",
            "MP_FASTCLOSE key is not the receiver's key", Field.GENERATED);

    public static final Expert EXPERT_ECHOED_KEY_MISMATCH = warn(ECHOED_KEY_MISMATCH, Expert.Group.PROTOCOL);
    public static final Expert EXPERT_MISSING_ALGORITHM = warn(MISSING_ALGORITHM, Expert.Group.PROTOCOL);
    public static final Expert EXPERT_UNSUPPORTED_ALGORITHM = warn(UNSUPPORTED_ALGORITHM, Expert.Group.PROTOCOL);
    public static final Expert EXPERT_INFINITE_MAPPING = warn(INFINITE_MAPPING, Expert.Group.PROTOCOL);
    public static final Expert EXPERT_MISSING_MAPPING = warn(MISSING_MAPPING, Expert.Group.PROTOCOL);
    public static final Expert EXPERT_BAD_JOIN_HMAC = warn(BAD_JOIN_HMAC, Expert.Group.SECURITY);
    public static final Expert EXPERT_BAD_ADD_ADDR_HMAC = warn(BAD_ADD_ADDR_HMAC, Expert.Group.SECURITY);
    public static final Expert EXPERT_BAD_FASTCLOSE_KEY = warn(BAD_FASTCLOSE_KEY, Expert.Group.SECURITY);
    public static final Expert EXPERT_BAD_DSS_CHECKSUM = new Expert(BAD_DSS_CHECKSUM, Expert.Severity.ERROR,
            Expert.Group.CHECKSUM, BAD_DSS_CHECKSUM.name());
    public static final Expert EXPERT_REINJECTION = new Expert(REINJECTION, Expert.Severity.NOTE,
            Expert.Group.SEQUENCE, REINJECTION.name());

    private static Expert warn(Field field, Expert.Group group) {
        return new Expert(field, Expert.Severity.WARNING, group, field.name());
    }

    private MptcpAnalysisFields() {
    }
}
