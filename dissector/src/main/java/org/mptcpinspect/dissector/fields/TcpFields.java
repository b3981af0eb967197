package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.DisplayBase.HEX;
import static org.mptcpinspect.dissector.fields.FieldType.BYTES;
import static org.mptcpinspect.dissector.fields.FieldType.FRAMENUM;
import static org.mptcpinspect.dissector.fields.FieldType.INT32;
import static org.mptcpinspect.dissector.fields.FieldType.RELATIVE_TIME;
import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT16;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;
import static org.mptcpinspect.dissector.fields.FieldType.UINT8;

import java.util.List;
import java.util.function.Predicate;

/** TCP fields (tcp.*), including the TCP options other than MPTCP's. */
public final class TcpFields {
    public static final FieldGroup GROUP = new FieldGroup("tcp", 4);

    private static final int GEN = Field.GENERATED;

    public static final Field TCP = GROUP.protocol("tcp", "Transmission Control Protocol");
    public static final Field SRCPORT = GROUP.uint(UINT16, "tcp.srcport", "Source Port", DEC);
    public static final Field DSTPORT = GROUP.uint(UINT16, "tcp.dstport", "Destination Port", DEC);
    public static final Field PORT = GROUP.uint(UINT16, "tcp.port", "Source or Destination Port", DEC, Field.HIDDEN);
    public static final Field STREAM = GROUP.uint(UINT32, "tcp.stream", "Stream index", DEC, GEN);
    public static final Field COMPLETENESS = GROUP.uint(UINT8, "tcp.completeness", "Conversation completeness", DEC,
            GEN);
    public static final Field LEN = GROUP.uint(UINT32, "tcp.len", "TCP Segment Len", DEC, GEN);
    public static final Field SEQ = GROUP.uint(UINT32, "tcp.seq", "Sequence Number", DEC);
    public static final Field SEQ_RAW = GROUP.uint(UINT32, "tcp.seq_raw", "Sequence Number (raw)", DEC);
    public static final Field NXTSEQ = GROUP.uint(UINT32, "tcp.nxtseq", "Next Sequence Number", DEC, GEN);
    public static final Field ACK = GROUP.uint(UINT32, "tcp.ack", "Acknowledgment Number", DEC);
    public static final Field ACK_RAW = GROUP.uint(UINT32, "tcp.ack_raw", "Acknowledgment number (raw)", DEC);
    public static final Field HDR_LEN = GROUP.uint(UINT8, "tcp.hdr_len", "Header Length", DEC);
    public static final Field FLAGS = GROUP.bits(UINT16, "tcp.flags", "Flags", HEX, 0x0fff);
    public static final Field FLAGS_RES = GROUP.bool("tcp.flags.res", "Reserved", 12, 0xe00, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_AE = GROUP.bool("tcp.flags.ae", "Accurate ECN", 12, 0x100, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_CWR = GROUP.bool("tcp.flags.cwr", "Congestion Window Reduced", 12, 0x080,
            TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_ECE = GROUP.bool("tcp.flags.ece", "ECN-Echo", 12, 0x040, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_URG = GROUP.bool("tcp.flags.urg", "Urgent", 12, 0x020, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_ACK = GROUP.bool("tcp.flags.ack", "Acknowledgment", 12, 0x010,
            TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_PUSH = GROUP.bool("tcp.flags.push", "Push", 12, 0x008, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_RESET = GROUP.bool("tcp.flags.reset", "Reset", 12, 0x004, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_SYN = GROUP.bool("tcp.flags.syn", "Syn", 12, 0x002, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_FIN = GROUP.bool("tcp.flags.fin", "Fin", 12, 0x001, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_STR = GROUP.field(STRING, "tcp.flags.str", "TCP Flags", GEN);
    public static final Field WINDOW_SIZE_VALUE = GROUP.uint(UINT16, "tcp.window_size_value", "Window", DEC);
    public static final Field WINDOW_SIZE = GROUP.uint(UINT32, "tcp.window_size", "Calculated window size", DEC, GEN);
    public static final Field WINDOW_SIZE_SCALEFACTOR = GROUP.add("tcp.window_size_scalefactor",
            "Window size scaling factor", INT32, DEC, 0, 32, GEN, ValueNames.NONE, null);
    public static final Field CHECKSUM = GROUP.uint(UINT16, "tcp.checksum", "Checksum", HEX);
    public static final Field CHECKSUM_STATUS = GROUP.add("tcp.checksum.status", "Checksum Status", UINT8,
            DisplayBase.NONE, 0, 8, GEN, IpFields.CHECKSUM_STATUS, null);
    public static final Field URGENT_POINTER = GROUP.uint(UINT16, "tcp.urgent_pointer", "Urgent Pointer", DEC);
    public static final Field OPTIONS = GROUP.field(BYTES, "tcp.options", "TCP Options");

    /** Each TCP option is a protocol item whose value is the option's bytes. */
    public static final Field OPTION_NOP = GROUP.protocol("tcp.options.nop", "TCP Option - No-Operation (NOP)");
    public static final Field OPTION_EOL = GROUP.protocol("tcp.options.eol", "TCP Option - End of Option List (EOL)");
    public static final Field OPTION_MSS = GROUP.protocol("tcp.options.mss", "TCP Option - Maximum segment size");
    public static final Field OPTION_WSCALE = GROUP.protocol("tcp.options.wscale", "TCP Option - Window scale");
    public static final Field OPTION_SACK_PERM = GROUP.protocol("tcp.options.sack_perm", "TCP Option - SACK permitted");
    public static final Field OPTION_SACK = GROUP.protocol("tcp.options.sack", "TCP Option - SACK");
    public static final Field OPTION_TIMESTAMP = GROUP.protocol("tcp.options.timestamp", "TCP Option - Timestamps");
    public static final Field OPTION_MD5 = GROUP.protocol("tcp.options.md5", "TCP Option - TCP MD5 signature");
    public static final Field OPTION_AO = GROUP.protocol("tcp.options.ao", "TCP Option - TCP AO");
    public static final Field OPTION_UNKNOWN = GROUP.protocol("tcp.options.unknown", "TCP Option - Unknown");

    public static final Field OPTION_KIND = GROUP.uint(UINT8, "tcp.option_kind", "Kind", DEC, ValueNames.of(
            0, "End of Option List", 1, "No-Operation", 2, "Maximum Segment Size", 3, "Window Scale",
            4, "SACK Permitted", 5, "SACK", 6, "Echo", 7, "Echo Reply", 8, "Time Stamp Option",
            9, "Partial Order Connection Permitted", 10, "Partial Order Service Profile", 11, "CC", 12, "CC.NEW",
            13, "CC.ECHO", 14, "TCP Alternate Checksum Request", 15, "TCP Alternate Checksum Data", 16, "Skeeter",
            17, "Bubba", 18, "Trailer Checksum Option", 19, "MD5 Signature Option", 20, "SCPS Capabilities",
            21, "Selective Negative Acknowledgements", 22, "Record Boundaries", 23, "Corruption experienced",
            24, "SNAP", 25, "Unassigned", 26, "TCP Compression Filter", 27, "Quick-Start Response",
            28, "User Timeout Option", 29, "The TCP Authentication Option", 30, "Multipath TCP",
            34, "TCP Fast Open Cookie", 76, "Riverbed Probe", 78, "Riverbed Transparency",
            172, "Accurate ECN Order 0", 174, "Accurate ECN Order 1", 253, "RFC3692-style Experiment 1",
            254, "RFC3692-style Experiment 2"));
    public static final Field OPTION_LEN = GROUP.uint(UINT8, "tcp.option_len", "Length", DEC);
    public static final Field MSS_VAL = GROUP.uint(UINT16, "tcp.options.mss_val", "MSS Value", DEC);
    public static final Field WSCALE_SHIFT = GROUP.uint(UINT8, "tcp.options.wscale.shift", "Shift count", DEC);
    public static final Field WSCALE_MULTIPLIER = GROUP.uint(UINT16, "tcp.options.wscale.multiplier", "Multiplier",
            DEC, GEN);
    public static final Field SACK_LE = GROUP.uint(UINT32, "tcp.options.sack_le", "TCP SACK Left Edge", DEC);
    public static final Field SACK_RE = GROUP.uint(UINT32, "tcp.options.sack_re", "TCP SACK Right Edge", DEC);
    public static final Field SACK_COUNT = GROUP.uint(UINT8, "tcp.options.sack.count", "TCP SACK Count", DEC, GEN);
    public static final Field TSVAL = GROUP.uint(UINT32, "tcp.options.timestamp.tsval", "Timestamp value", DEC);
    public static final Field TSECR = GROUP.uint(UINT32, "tcp.options.timestamp.tsecr", "Timestamp echo reply", DEC);
    public static final Field MD5_DIGEST = GROUP.field(BYTES, "tcp.options.md5.digest", "MD5 digest");
    public static final Field AO_KEYID = GROUP.uint(UINT8, "tcp.options.ao.keyid", "AO KeyID", DEC);
    public static final Field AO_RNEXTKEYID = GROUP.uint(UINT8, "tcp.options.ao.rnextkeyid", "AO RNextKeyID", DEC);
    public static final Field AO_MAC = GROUP.field(BYTES, "tcp.options.ao.mac", "AO MAC");
    public static final Field UNKNOWN_PAYLOAD = GROUP.field(BYTES, "tcp.options.unknown.payload", "Payload");

    public static final Field TIME_RELATIVE = GROUP.field(RELATIVE_TIME, "tcp.time_relative",
            "Time since first frame in this TCP stream", GEN);
    public static final Field TIME_DELTA = GROUP.field(RELATIVE_TIME, "tcp.time_delta",
            "Time since previous frame in this TCP stream", GEN);
    public static final Field PAYLOAD = GROUP.field(BYTES, "tcp.payload", "TCP payload");
    /** The payload of a segment the analysis flags as retransmitted or out of order: not handed on. */
    public static final Field SEGMENT_DATA = GROUP.field(BYTES, "tcp.segment_data", "TCP segment data");

    // "[SEQ/ACK analysis]": Wireshark's TCP sequence analysis (TcpSegment.acked()).
    public static final Field ANALYSIS = GROUP.none("tcp.analysis", "SEQ/ACK analysis", GEN);
    public static final Field ANALYSIS_FLAGS = GROUP.none("tcp.analysis.flags", "TCP Analysis Flags", GEN);
    public static final Field DUPLICATE_ACK = GROUP.none("tcp.analysis.duplicate_ack", "Duplicate ACK", GEN);
    public static final Field DUPLICATE_ACK_NUM = GROUP.uint(UINT32, "tcp.analysis.duplicate_ack_num",
            "Duplicate ACK #", DEC, GEN);
    public static final Field DUPLICATE_ACK_FRAME = GROUP.field(FRAMENUM, "tcp.analysis.duplicate_ack_frame",
            "Duplicate to the ACK in frame", GEN);
    public static final Field ACKS_FRAME = GROUP.field(FRAMENUM, "tcp.analysis.acks_frame",
            "This is an ACK to the segment in frame", GEN);
    public static final Field BYTES_IN_FLIGHT = GROUP.uint(UINT32, "tcp.analysis.bytes_in_flight", "Bytes in flight",
            DEC, GEN);
    public static final Field PUSH_BYTES_SENT = GROUP.uint(UINT32, "tcp.analysis.push_bytes_sent",
            "Bytes sent since last PSH flag", DEC, GEN);
    public static final Field ACK_RTT = GROUP.field(RELATIVE_TIME, "tcp.analysis.ack_rtt",
            "The RTT to ACK the segment was", GEN);
    public static final Field INITIAL_RTT = GROUP.field(RELATIVE_TIME, "tcp.analysis.initial_rtt", "iRTT", GEN);
    public static final Field RTO = GROUP.field(RELATIVE_TIME, "tcp.analysis.rto", "The RTO for this segment was",
            GEN);
    public static final Field RTO_FRAME = GROUP.field(FRAMENUM, "tcp.analysis.rto_frame",
            "RTO based on delta from frame", GEN);
    public static final Field RETRANSMISSION = analysisFlag("tcp.analysis.retransmission",
            "This frame is a (suspected) retransmission");
    public static final Field FAST_RETRANSMISSION = analysisFlag("tcp.analysis.fast_retransmission",
            "This frame is a (suspected) fast retransmission");
    public static final Field SPURIOUS_RETRANSMISSION = analysisFlag("tcp.analysis.spurious_retransmission",
            "This frame is a (suspected) spurious retransmission");
    public static final Field OUT_OF_ORDER = analysisFlag("tcp.analysis.out_of_order",
            "This frame is a (suspected) out-of-order segment");
    public static final Field REUSED_PORTS = analysisFlag("tcp.analysis.reused_ports",
            "A new tcp session is started with the same ports as an earlier session in this trace");
    public static final Field LOST_SEGMENT = analysisFlag("tcp.analysis.lost_segment",
            "Previous segment(s) not captured (common at capture start)");
    public static final Field ACK_LOST_SEGMENT = analysisFlag("tcp.analysis.ack_lost_segment",
            "ACKed segment that wasn't captured (common at capture start)");
    public static final Field WINDOW_UPDATE = analysisFlag("tcp.analysis.window_update", "TCP window update");
    public static final Field WINDOW_FULL = analysisFlag("tcp.analysis.window_full",
            "TCP window specified by the receiver is now completely full");
    public static final Field KEEP_ALIVE = analysisFlag("tcp.analysis.keep_alive", "TCP keep-alive segment");
    public static final Field KEEP_ALIVE_ACK = analysisFlag("tcp.analysis.keep_alive_ack",
            "ACK to a TCP keep-alive segment");
    public static final Field ZERO_WINDOW_PROBE = analysisFlag("tcp.analysis.zero_window_probe",
            "TCP Zero Window Probe");
    public static final Field ZERO_WINDOW = analysisFlag("tcp.analysis.zero_window", "TCP Zero Window segment");
    public static final Field ZERO_WINDOW_PROBE_ACK = analysisFlag("tcp.analysis.zero_window_probe_ack",
            "ACK to a TCP Zero Window Probe");

    public static final Field CONNECTION_SYN = GROUP.none("tcp.connection.syn", "Connection establish request (SYN)", Field.GENERATED);
    public static final Field CONNECTION_SYNACK = GROUP.none("tcp.connection.synack",
            "Connection establish acknowledge (SYN+ACK)", Field.GENERATED);
    public static final Field CONNECTION_FIN = GROUP.none("tcp.connection.fin", "Connection finish (FIN)", Field.GENERATED);
    public static final Field CONNECTION_RST = GROUP.none("tcp.connection.rst", "Connection reset (RST)", Field.GENERATED);
    public static final Field CONNECTION_FIN_ACTIVE = GROUP.none("tcp.connection.fin_active",
            "This frame initiates the connection closing", Field.GENERATED);
    public static final Field CONNECTION_FIN_PASSIVE = GROUP.none("tcp.connection.fin_passive",
            "This frame undergoes the connection closing", Field.GENERATED);
    public static final Field NOP_IN_A_ROW = GROUP.none("tcp.nop",
            "4 NOP in a row - a router may have removed some options", Field.GENERATED);
    public static final Field OPTION_LEN_INVALID = GROUP.none("tcp.option.len.invalid", "Invalid length for option", Field.GENERATED);

    public static final Expert EXPERT_SYN = new Expert(CONNECTION_SYN, Expert.Severity.CHAT, Expert.Group.SEQUENCE,
            "Connection establish request (SYN)");
    public static final Expert EXPERT_SYNACK = new Expert(CONNECTION_SYNACK, Expert.Severity.CHAT,
            Expert.Group.SEQUENCE, "Connection establish acknowledge (SYN+ACK)");
    public static final Expert EXPERT_FIN = new Expert(CONNECTION_FIN, Expert.Severity.CHAT, Expert.Group.SEQUENCE,
            "Connection finish (FIN)");
    public static final Expert EXPERT_RST = new Expert(CONNECTION_RST, Expert.Severity.WARNING, Expert.Group.SEQUENCE,
            "Connection reset (RST)");
    public static final Expert EXPERT_FIN_ACTIVE = new Expert(CONNECTION_FIN_ACTIVE, Expert.Severity.NOTE,
            Expert.Group.SEQUENCE, "This frame initiates the connection closing");
    public static final Expert EXPERT_FIN_PASSIVE = new Expert(CONNECTION_FIN_PASSIVE, Expert.Severity.NOTE,
            Expert.Group.SEQUENCE, "This frame undergoes the connection closing");
    public static final Expert EXPERT_NOP = new Expert(NOP_IN_A_ROW, Expert.Severity.WARNING, Expert.Group.PROTOCOL,
            "4 NOP in a row - a router may have removed some options");
    /** Wireshark raises this one as Note/Sequence (ei_tcp_opt_len_invalid). */
    public static final Expert EXPERT_OPTION_LEN_INVALID = new Expert(OPTION_LEN_INVALID, Expert.Severity.NOTE,
            Expert.Group.SEQUENCE, "Invalid length for option");

    // The experts of the sequence analysis, in the order Wireshark raises them.
    public static final Expert EXPERT_REUSED_PORTS = sequence(REUSED_PORTS, Expert.Severity.NOTE);
    public static final Expert EXPERT_RETRANSMISSION = sequence(RETRANSMISSION, Expert.Severity.NOTE);
    public static final Expert EXPERT_FAST_RETRANSMISSION = sequence(FAST_RETRANSMISSION, Expert.Severity.NOTE);
    public static final Expert EXPERT_SPURIOUS_RETRANSMISSION = sequence(SPURIOUS_RETRANSMISSION,
            Expert.Severity.NOTE);
    public static final Expert EXPERT_OUT_OF_ORDER = sequence(OUT_OF_ORDER, Expert.Severity.WARNING);
    public static final Expert EXPERT_LOST_SEGMENT = sequence(LOST_SEGMENT, Expert.Severity.WARNING);
    public static final Expert EXPERT_ACK_LOST_SEGMENT = sequence(ACK_LOST_SEGMENT, Expert.Severity.WARNING);
    public static final Expert EXPERT_WINDOW_UPDATE = sequence(WINDOW_UPDATE, Expert.Severity.CHAT);
    public static final Expert EXPERT_WINDOW_FULL = sequence(WINDOW_FULL, Expert.Severity.WARNING);
    public static final Expert EXPERT_KEEP_ALIVE = sequence(KEEP_ALIVE, Expert.Severity.NOTE);
    public static final Expert EXPERT_KEEP_ALIVE_ACK = sequence(KEEP_ALIVE_ACK, Expert.Severity.NOTE);
    /** Its message is "Duplicate ACK (#N)". */
    public static final Expert EXPERT_DUPLICATE_ACK = new Expert(DUPLICATE_ACK, Expert.Severity.NOTE,
            Expert.Group.SEQUENCE, "Duplicate ACK");
    public static final Expert EXPERT_ZERO_WINDOW_PROBE = sequence(ZERO_WINDOW_PROBE, Expert.Severity.NOTE);
    public static final Expert EXPERT_ZERO_WINDOW = sequence(ZERO_WINDOW, Expert.Severity.WARNING);
    public static final Expert EXPERT_ZERO_WINDOW_PROBE_ACK = sequence(ZERO_WINDOW_PROBE_ACK, Expert.Severity.NOTE);

    /** The fields of "[SEQ/ACK analysis]" (and tcp.segment_data, which its flags decide). */
    private static final List<Field> ANALYSIS_FIELDS = List.of(SEGMENT_DATA, ANALYSIS, ANALYSIS_FLAGS, DUPLICATE_ACK,
            DUPLICATE_ACK_NUM, DUPLICATE_ACK_FRAME, ACKS_FRAME, BYTES_IN_FLIGHT, PUSH_BYTES_SENT, ACK_RTT, INITIAL_RTT,
            RTO, RTO_FRAME, RETRANSMISSION, FAST_RETRANSMISSION, SPURIOUS_RETRANSMISSION, OUT_OF_ORDER, REUSED_PORTS,
            LOST_SEGMENT, ACK_LOST_SEGMENT, WINDOW_UPDATE, WINDOW_FULL, KEEP_ALIVE, KEEP_ALIVE_ACK, ZERO_WINDOW_PROBE,
            ZERO_WINDOW, ZERO_WINDOW_PROBE_ACK);

    private TcpFields() {
    }

    /**
     * Whether a sink or filter that wants these fields uses the sequence analysis: its duplicate
     * ACK test needs the MPTCP connections' signals (so the MPTCP tracker must run, as in tshark).
     */
    public static boolean analysisWanted(Predicate<Field> wants) {
        for (Field f : ANALYSIS_FIELDS) {
            if (wants.test(f)) {
                return true;
            }
        }
        return false;
    }

    /** An analysis flag: Wireshark registers it as its expert's field (FT_NONE). */
    private static Field analysisFlag(String abbrev, String name) {
        return GROUP.none(abbrev, name, GEN);
    }

    private static Expert sequence(Field field, Expert.Severity severity) {
        return new Expert(field, severity, Expert.Group.SEQUENCE, field.name());
    }
}
