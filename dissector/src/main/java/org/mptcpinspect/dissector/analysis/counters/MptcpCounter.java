package org.mptcpinspect.dissector.analysis.counters;

import static org.mptcpinspect.dissector.analysis.counters.Derivation.APPROXIMATE;
import static org.mptcpinspect.dissector.analysis.counters.Derivation.EXACT;
import static org.mptcpinspect.dissector.analysis.counters.Derivation.NOT_DERIVABLE;

/**
 * The kernel's MPTcpExt counters (Linux 6.18 net/mptcp/mib.c), in the kernel's order, which is the
 * order of /proc/net/netstat and of {@code nstat}. RX counts packets to the host, TX packets from it.
 * Each counter says whether a capture determines it, and why.
 */
public enum MptcpCounter {
    MP_CAPABLE_SYN_RX("MPCapableSYNRX", EXACT,
            "SYN with MP_CAPABLE received by an MPTCP listener: the SYN/ACK it answers with carries MP_CAPABLE "
            + "(retransmitted SYNs count once)",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_SYN_TX("MPCapableSYNTX", EXACT, "connect() that sends MP_CAPABLE: first SYN with MP_CAPABLE of a subflow",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_SYNACK_RX("MPCapableSYNACKRX", EXACT, "first SYN/ACK with MP_CAPABLE answering our MP_CAPABLE SYN",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_ACK_RX("MPCapableACKRX", EXACT,
            "third ACK with MP_CAPABLE: first segment after our MP_CAPABLE SYN/ACK carries MP_CAPABLE",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_FALLBACK_ACK("MPCapableFallbackACK", EXACT,
            "first segment after our MP_CAPABLE SYN/ACK lacks MP_CAPABLE: server-side fallback",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_FALLBACK_SYNACK("MPCapableFallbackSYNACK", EXACT,
            "SYN/ACK without MP_CAPABLE answering our MP_CAPABLE SYN: client-side fallback",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_SYN_TX_DROP("MPCapableSYNTXDrop", APPROXIMATE,
            "a retransmitted SYN no longer carries MP_CAPABLE (once per subflow); exact unless the first SYN "
            + "was not captured",
            PartialRule.CONNECTION_START, Partial.HANDSHAKE),
    MP_CAPABLE_SYN_TX_DISABLED("MPCapableSYNTXDisabled", NOT_DERIVABLE,
            "MPTCP disabled after blackhole detection: the SYN goes out as plain TCP, like any TCP SYN"),
    MP_CAPABLE_ENDP_ATTEMPT("MPCapableEndpAttempt", NOT_DERIVABLE,
            "MP_CAPABLE to a port-based endpoint: depends on the host's endpoint configuration"),
    MP_FALLBACK_TOKEN_INIT("MPFallbackTokenInit", NOT_DERIVABLE,
            "token allocation failed: the host then behaves like a plain TCP peer"),
    MPTCP_RETRANS("MPTCPRetrans", APPROXIMATE,
            "upper bound: segments we send with data the data level already carried (not TCP retransmissions); "
            + "the kernel counts retransmitted fragments, each one or more segments, and not every resend "
            + "(verify saw 0 against 1 here on fullmesh), so it is between 0 and this",
            PartialRule.CONNECTION_START, Partial.RESEND),
    MP_JOIN_NO_TOKEN_FOUND("MPJoinNoTokenFound", APPROXIMATE,
            "MP_JOIN SYN with a token of no connection in the capture, answered with a reset; over-counts when "
            + "the connection started before the capture",
            PartialRule.CONNECTION_START, "the token may name a connection begun before the capture, whose keys "
            + "it lacks: not counted at all when the capture has such connections"),
    MP_JOIN_SYN_RX("MPJoinSynRx", EXACT,
            "MP_JOIN SYN received by an MPTCP listener (answered with MP_JOIN SYN/ACK or a reset)",
            PartialRule.SUBFLOW_START, Partial.JOIN_SYN),
    MP_JOIN_SYN_BACKUP_RX("MPJoinSynBackupRx", EXACT, "as MPJoinSynRx, with the backup flag",
            PartialRule.SUBFLOW_START, Partial.JOIN_SYN),
    MP_JOIN_SYNACK_RX("MPJoinSynAckRx", EXACT,
            "MP_JOIN SYN/ACK accepted: we answer it with the MP_JOIN third ACK (not a reset)"),
    MP_JOIN_SYNACK_BACKUP_RX("MPJoinSynAckBackupRx", EXACT, "as MPJoinSynAckRx, with the backup flag"),
    MP_JOIN_SYNACK_HMAC_FAILURE("MPJoinSynAckHMacFailure", EXACT,
            "MP_JOIN SYN/ACK whose truncated HMAC the tracker finds wrong for the connection's keys; without "
            + "the keys in the capture, a reset answering the SYN/ACK is taken for one",
            PartialRule.BOTH, Partial.JOIN_HMAC),
    MP_JOIN_ACK_RX("MPJoinAckRx", EXACT,
            "MP_JOIN third ACK accepted: we do not answer it with a reset"),
    MP_JOIN_ACK_HMAC_FAILURE("MPJoinAckHMacFailure", EXACT,
            "MP_JOIN third ACK whose HMAC the tracker finds wrong for the connection's keys; without the keys "
            + "in the capture, a reset (not 'administratively prohibited') answering it is taken for one",
            PartialRule.BOTH, Partial.JOIN_HMAC),
    MP_JOIN_REJECTED("MPJoinRejected", APPROXIMATE,
            "MP_JOIN third ACK answered with a reset with MP_TCPRST reason 3 (administratively prohibited)"),
    MP_JOIN_SYN_TX("MPJoinSynTx", EXACT, "first SYN with MP_JOIN of a subflow we open"),
    MP_JOIN_SYN_TX_CREAT_SK_ERR("MPJoinSynTxCreatSkErr", NOT_DERIVABLE, "local socket creation error: nothing is sent"),
    MP_JOIN_SYN_TX_BIND_ERR("MPJoinSynTxBindErr", NOT_DERIVABLE, "local bind error: nothing is sent"),
    MP_JOIN_SYN_TX_CONNECT_ERR("MPJoinSynTxConnectErr", NOT_DERIVABLE, "local connect error: nothing is sent"),
    DSS_NOT_MATCHING("DSSNotMatching", NOT_DERIVABLE,
            "a new mapping arrives while the receiver still consumes a different one (get_mapping_status): "
            + "which mapping is current depends on how TCP queued and coalesced the received segments"),
    DSS_CORRUPTION_FALLBACK("DSSCorruptionFallback", NOT_DERIVABLE,
            "the receiver found an invalid mapping and could still fall back (allow_infinite_fallback, empty "
            + "out-of-order queue): both are the receiver's internal state"),
    DSS_CORRUPTION_RESET("DSSCorruptionReset", NOT_DERIVABLE,
            "as DSSCorruptionFallback when the receiver could no longer fall back: the reset it sends carries "
            + "no sign of this reason"),
    INFINITE_MAP_TX("InfiniteMapTx", EXACT, "DSS with an infinite mapping (data-level length 0) sent, once per segment",
            PartialRule.COUNTED, "a TCP retransmission whose first copy came before the capture counts again"),
    INFINITE_MAP_RX("InfiniteMapRx", EXACT,
            "infinite mapping received on a segment with data while the connection was still MPTCP",
            PartialRule.COUNTED, "a TCP retransmission of one received before the capture counts again (the "
            + "fallback it caused is not seen)"),
    DSS_NO_MATCH_TCP("DSSNoMatchTCP", NOT_DERIVABLE,
            "the current mapping does not cover the subflow sequence the receiver reads next (validate_mapping): "
            + "that read position moves with the receiver's socket reads, not with packets"),
    DATA_CSUM_ERR("DataCsumErr", APPROXIMATE,
            "mappings received whose DSS checksum does not match their data; misses mappings whose data the "
            + "snap length cut",
            PartialRule.BOTH, "the checksum flag is agreed in the MP_CAPABLE handshake, and a mapping begun "
            + "before the capture cannot be checked"),
    OFO_QUEUE_TAIL("OFOQueueTail", NOT_DERIVABLE,
            "the receiver's out-of-order queue: depends on when the kernel moves each subflow's data"),
    OFO_QUEUE("OFOQueue", NOT_DERIVABLE, "the receiver's out-of-order queue: kernel-internal"),
    OFO_MERGE("OFOMerge", NOT_DERIVABLE, "merges in the receiver's out-of-order queue: kernel-internal"),
    NO_DSS_IN_WINDOW("NoDSSInWindow", NOT_DERIVABLE,
            "data beyond the receive space the receiver had when moving it to the MPTCP socket: its buffer "
            + "space at that moment, not the window it advertised earlier"),
    DUPLICATE_DATA("DuplicateData", APPROXIMATE,
            "upper bound: segments received with data the data level already had (not TCP retransmissions); "
            + "the kernel counts socket buffers, and a first copy lost after the capture point was no duplicate "
            + "for the receiver",
            PartialRule.CONNECTION_START, Partial.RESEND),
    ADD_ADDR("AddAddr", EXACT,
            "ADD_ADDR (echo 0) received on an MPTCP subflow, its HMAC right for the connection's keys (checked "
            + "by the tracker when the capture holds them)",
            PartialRule.COUNTED, "its HMAC is taken as right when the capture lacks the keys"),
    ADD_ADDR_TX("AddAddrTx", EXACT, "ADD_ADDR (echo 0) sent"),
    ADD_ADDR_TX_DROP("AddAddrTxDrop", NOT_DERIVABLE, "ADD_ADDR not sent for lack of resources: nothing is sent"),
    ECHO_ADD("EchoAdd", EXACT, "ADD_ADDR echo received on an MPTCP subflow"),
    ECHO_ADD_TX("EchoAddTx", EXACT, "ADD_ADDR echo sent"),
    ECHO_ADD_TX_DROP("EchoAddTxDrop", NOT_DERIVABLE, "echo not sent for lack of resources: nothing is sent"),
    PORT_ADD("PortAdd", EXACT, "ADD_ADDR or echo with a port received (counted with AddAddr/EchoAdd)"),
    ADD_ADDR_DROP("AddAddrDrop", NOT_DERIVABLE, "ADD_ADDR ignored by the path manager (limits, busy): kernel-internal"),
    MP_JOIN_PORT_SYN_RX("MPJoinPortSynRx", EXACT,
            "MP_JOIN SYN to another port than the connection's, answered with a SYN/ACK",
            PartialRule.BOTH, Partial.PORT_AND_SYN),
    MP_JOIN_PORT_SYNACK_RX("MPJoinPortSynAckRx", EXACT,
            "accepted MP_JOIN SYN/ACK from another port than the connection's",
            PartialRule.CONNECTION_START, Partial.PORT),
    MP_JOIN_PORT_ACK_RX("MPJoinPortAckRx", EXACT, "accepted MP_JOIN third ACK on another port than the connection's",
            PartialRule.CONNECTION_START, Partial.PORT),
    MISMATCH_PORT_SYN_RX("MismatchPortSynRx", APPROXIMATE,
            "MP_JOIN SYN to another port than the connection's, answered with a reset",
            PartialRule.BOTH, Partial.PORT_AND_SYN),
    MISMATCH_PORT_ACK_RX("MismatchPortAckRx", NOT_DERIVABLE,
            "the port's announcement disappeared between SYN and third ACK: kernel-internal"),
    RM_ADDR("RmAddr", APPROXIMATE,
            "address IDs in REMOVE_ADDR received; over-counts by those the path manager drops while busy (RmAddrDrop)"),
    RM_ADDR_DROP("RmAddrDrop", NOT_DERIVABLE, "REMOVE_ADDR dropped while the path manager is busy: timing-dependent"),
    RM_ADDR_TX("RmAddrTx", EXACT, "address IDs in REMOVE_ADDR sent"),
    RM_ADDR_TX_DROP("RmAddrTxDrop", NOT_DERIVABLE, "REMOVE_ADDR not sent: nothing is sent"),
    RM_SUBFLOW("RmSubflow", APPROXIMATE,
            "our open subflows using an address ID we send in REMOVE_ADDR; misses removals without REMOVE_ADDR",
            PartialRule.BOTH, "needs the subflows' address IDs, given in their MP_JOIN or MP_CAPABLE handshakes"),
    MP_PRIO_TX("MPPrioTx", EXACT, "MP_PRIO sent"),
    MP_PRIO_RX("MPPrioRx", EXACT, "MP_PRIO received on an MPTCP subflow"),
    MP_FAIL_TX("MPFailTx", EXACT, "MP_FAIL sent"),
    MP_FAIL_RX("MPFailRx", EXACT, "MP_FAIL received on an MPTCP subflow"),
    MP_FASTCLOSE_TX("MPFastcloseTx", EXACT, "MP_FASTCLOSE sent"),
    MP_FASTCLOSE_RX("MPFastcloseRx", EXACT,
            "MP_FASTCLOSE with our key received on a live MPTCP subflow",
            PartialRule.COUNTED, "the key it carries is taken as right when the capture lacks the keys"),
    MP_RST_TX("MPRstTx", EXACT,
            "MP_TCPRST on a reset from a socket (RST+ACK); resets the kernel sends for a segment without a "
            + "socket (RST without ACK, or answering a SYN) are not counted"),
    MP_RST_RX("MPRstRx", EXACT,
            "MP_TCPRST received on a live, fully established MPTCP subflow"),
    SUBFLOW_STALE("SubflowStale", NOT_DERIVABLE, "scheduler marks a subflow stale: kernel-internal timers"),
    SUBFLOW_RECOVER("SubflowRecover", NOT_DERIVABLE, "stale subflow recovers: kernel-internal"),
    SND_WND_SHARED("SndWndShared", NOT_DERIVABLE, "send window shared between subflows: kernel-internal"),
    RCV_WND_SHARED("RcvWndShared", NOT_DERIVABLE, "receive window rewritten from the shared one: kernel-internal"),
    RCV_WND_CONFLICT_UPDATE("RcvWndConflictUpdate", NOT_DERIVABLE, "concurrent window update: kernel-internal"),
    RCV_WND_CONFLICT("RcvWndConflict", NOT_DERIVABLE, "concurrent window update: kernel-internal"),
    MP_CURR_ESTAB("MPCurrEstab", APPROXIMATE,
            "a gauge, not a count: connections established and not yet closed (no DATA_FIN, FASTCLOSE or "
            + "fallback FIN) at the end of the capture",
            PartialRule.CONNECTION_START,
            "a gauge: whether the connection was established when the capture started is unknown"),
    BLACKHOLE("Blackhole", NOT_DERIVABLE, "MPTCP blackhole detection: kernel-internal timers"),
    MP_CAPABLE_DATA_FALLBACK("MPCapableDataFallback", NOT_DERIVABLE, "fallback reason bookkeeping: kernel-internal"),
    MD5_SIG_FALLBACK("MD5SigFallback", NOT_DERIVABLE, "fallback because of TCP-MD5 on the socket: not on the wire"),
    DSS_FALLBACK("DssFallback", NOT_DERIVABLE, "fallback reason bookkeeping: kernel-internal"),
    SIMULT_CONNECT_FALLBACK("SimultConnectFallback", NOT_DERIVABLE, "simultaneous connect: kernel-internal"),
    FALLBACK_FAILED("FallbackFailed", NOT_DERIVABLE, "fallback refused: kernel-internal"),
    WIN_PROBE("WinProbe", NOT_DERIVABLE, "data-level zero window probes: not told apart from data on the wire");

    /** Why counters are not counted for partial connections or subflows, shared by several. */
    private static final class Partial {
        static final String HANDSHAKE =
                "counted in the MP_CAPABLE handshake, which came before the capture (or is cut by its start)";
        static final String RESEND = "a resend of data sent before the capture is not told apart from its first copy";
        static final String JOIN_SYN = "counted when the MP_JOIN SYN arrives, before the capture";
        static final String JOIN_HMAC =
                "the HMAC needs the keys (MP_CAPABLE handshake) and the MP_JOIN SYN's random number";
        static final String PORT = "needs the connection's port (its MP_CAPABLE subflow's)";
        static final String PORT_AND_SYN = PORT + " and the MP_JOIN SYN";
    }

    /** nstat's prefix for the MPTcpExt group of /proc/net/netstat. */
    public static final String NSTAT_PREFIX = "MPTcpExt";

    private static final MptcpCounter[] ALL = values();

    private final String kernelName;
    private final Derivation derivation;
    private final String explanation;
    private final PartialRule partialRule;
    private final String partialExplanation;

    /** A counter whose packets count on partial connections and subflows as on full ones. */
    MptcpCounter(String kernelName, Derivation derivation, String explanation) {
        this(kernelName, derivation, explanation, PartialRule.COUNTED, "");
    }

    MptcpCounter(String kernelName, Derivation derivation, String explanation, PartialRule partialRule,
                 String partialExplanation) {
        this.kernelName = kernelName;
        this.derivation = derivation;
        this.explanation = explanation;
        this.partialRule = partialRule;
        this.partialExplanation = partialExplanation;
    }

    /** The name in net/mptcp/mib.c, e.g. "MPCapableSYNRX". */
    public String kernelName() {
        return kernelName;
    }

    /** The name nstat prints, e.g. "MPTcpExtMPCapableSYNRX". */
    public String nstatName() {
        return NSTAT_PREFIX + kernelName;
    }

    public Derivation derivation() {
        return derivation;
    }

    /** What the capture shows for this counter (or why it cannot). */
    public String explanation() {
        return explanation;
    }

    /** What this counter needs of a connection or subflow that a capture started mid-connection may lack. */
    public PartialRule partialRule() {
        return partialRule;
    }

    /**
     * How a capture determines this counter on partial connections and subflows: not derivable
     * when it is not counted for them ({@link #partialRule()}), approximate where their packets
     * leave a doubt the full connection's do not (the HMAC of an ADD_ADDR without the keys), else
     * as on full connections.
     */
    public Derivation partialDerivation() {
        if (!derivation.reported() || partialRule != PartialRule.COUNTED) {
            return Derivation.NOT_DERIVABLE;
        }
        return partialExplanation.isEmpty() ? derivation : Derivation.APPROXIMATE;
    }

    /** Why {@link #partialDerivation()} is what it is ("" when it is as on full connections). */
    public String partialExplanation() {
        return partialExplanation;
    }

    /** Whether the capture's value is only an upper bound of the kernel's (the kernel counts fragments, not packets). */
    public boolean upperBound() {
        return this == MPTCP_RETRANS || this == DUPLICATE_DATA;
    }

    /**
     * Whether a value derived from a capture agrees with the kernel's delta over the same traffic:
     * equal, or within the bound for {@link #upperBound()} counters. Counters that are not reported
     * always agree. The other approximate
     * counters are equal on a capture that lost nothing (the lab's), so they must be equal here.
     */
    public boolean agrees(long kernel, long derived) {
        if (!derivation.reported()) {
            return true;
        }
        return switch (this) {
            // A live fullmesh run had a data-level resend on the wire that the kernel did not count.
            case MPTCP_RETRANS, DUPLICATE_DATA -> kernel <= derived;
            default -> derived == kernel;
        };
    }

    /** The counter with this kernel or nstat name, or null. */
    public static MptcpCounter byName(String name) {
        String bare = name.startsWith(NSTAT_PREFIX) ? name.substring(NSTAT_PREFIX.length()) : name;
        for (MptcpCounter c : ALL) {
            if (c.kernelName.equals(bare)) {
                return c;
            }
        }
        return null;
    }

    /** Number of counters (the kernel's MIB size). */
    public static int count() {
        return ALL.length;
    }

    /** The counter at this position in kernel order. */
    public static MptcpCounter at(int index) {
        return ALL[index];
    }
}
