package org.mptcpinspect.dissector.fields;

import java.util.Map;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpProblem;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.mptcp.ByteRange;
import org.mptcpinspect.dissector.mptcp.AddAddr;
import org.mptcpinspect.dissector.mptcp.Dss;
import org.mptcpinspect.dissector.mptcp.MalformedMptcpOption;
import org.mptcpinspect.dissector.mptcp.MpCapable;
import org.mptcpinspect.dissector.mptcp.MpFail;
import org.mptcpinspect.dissector.mptcp.MpFastclose;
import org.mptcpinspect.dissector.mptcp.MpJoin;
import org.mptcpinspect.dissector.mptcp.MpPrio;
import org.mptcpinspect.dissector.mptcp.MpTcpRst;
import org.mptcpinspect.dissector.mptcp.MptcpCrypto;
import org.mptcpinspect.dissector.mptcp.MptcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpOptionLayout;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;
import org.mptcpinspect.dissector.mptcp.RemoveAddr;
import org.mptcpinspect.dissector.mptcp.UnknownMptcpOption;

/**
 * Emits one MPTCP option (the "mptcp" protocol item inside the TCP options) with Wireshark
 * 4.0's tcp.options.mptcp.* fields, in its order, plus the fields it computes from the option
 * alone: the token and IDSN a key implies, the number of removed addresses. Holds the
 * {@link MptcpCrypto} it reuses, so one instance per thread.
 */
final class MptcpEmitter {
    /** HMAC algorithm bits of MP_CAPABLE's flags (Wireshark's MPTCP_CAPABLE_CRYPTO_MASK); only H (SHA) is defined. */
    private static final int CRYPTO_MASK = 0x3f;

    private final MptcpCrypto crypto = new MptcpCrypto();
    private final MptcpAnalysisEmitter analysis;

    MptcpEmitter(MptcpAnalysisEmitter analysis) {
        this.analysis = analysis;
    }

    /**
     * Emits the option; returns true when it is cut short, where Wireshark's dissector throws
     * and the rest of the packet is not dissected (the caller then marks the packet malformed).
     */
    boolean emit(FieldSink sink, byte[] frame, MptcpOption option) {
        int o = option.offset();
        int len = option.length();
        int end = Math.min(o + len, frame.length);
        sink.protocol(MptcpFields.MPTCP, o, end - o);
        if (sink.wantsText()) {
            String subtype = option.subtype() < 0 ? null : MptcpFields.SUBTYPE.values().name(option.subtype());
            sink.label(MptcpFields.MPTCP.name() + (option.subtype() < 0 ? ""
                    : ": " + (subtype == null ? "Unknown (" + option.subtype() + ")" : subtype)));
        }
        sink.open();
        sink.uint(TcpFields.OPTION_KIND, 30, o, 1);
        sink.uint(TcpFields.OPTION_LEN, len, o + 1, 1);
        if (option.subtype() >= 0) {
            sink.uint(MptcpFields.SUBTYPE, option.subtype(), o + 2, 1);
        }
        switch (option) {
            case MpCapable c -> capable(sink, c, o);
            case MpJoin j -> join(sink, frame, j, o);
            case Dss d -> dss(sink, d, o);
            case AddAddr a -> addAddr(sink, frame, a, o);
            case RemoveAddr r -> removeAddr(sink, r, o);
            case MpPrio p -> {
                flagsByte(sink, p.subtype(), p.flags(), o);
                sink.open();
                sink.uint(MptcpFields.BACKUP_FLAG, p.flags() & 1, o + 2, 1);
                sink.close();
                if (p.hasAddressId()) {
                    sink.uint(MptcpFields.ADDRID, p.addressId(), o + 3, 1);
                }
            }
            case MpFail f -> {
                sink.uint(MptcpFields.RESERVED, f.reserved(), o + 2, 2);
                sink.uint(MptcpFields.RAWDATASEQNO, f.dataSequenceNumber(), o + 4, 8);
            }
            case MpFastclose f -> {
                sink.uint(MptcpFields.RESERVED, f.reserved(), o + 2, 2);
                sink.uint(MptcpFields.RECVKEY, f.receiverKey(), o + 4, 8);
                analysis.problemExpert(sink, MptcpProblem.KEY_ECHO_MISMATCH,
                        MptcpAnalysisFields.EXPERT_BAD_FASTCLOSE_KEY, o + 4, 8);
            }
            case MpTcpRst r -> tcpRst(sink, r, o);
            case UnknownMptcpOption u -> {
            }
            case MalformedMptcpOption m -> {
                // An MP_JOIN of another length shows only its subtype; every other malformed
                // option is cut short: Wireshark shows the fields that fit, then gives up.
                if (m.subtype() != MptcpSubtype.MP_JOIN) {
                    partial(sink, frame, m);
                    sink.close();
                    return true;
                }
            }
        }
        sink.close();
        return false;
    }

    /** The fields of a cut-short option that fit before its end, as Wireshark shows them before it throws. */
    private static void partial(FieldSink sink, byte[] frame, MalformedMptcpOption m) {
        int o = m.offset();
        for (Map.Entry<String, ByteRange> span : MptcpOptionLayout.fieldSpans(frame, o).entrySet()) {
            ByteRange r = span.getValue();
            long value = 0;
            for (int i = r.offset(); i < r.end(); i++) {
                value = value << 8 | (frame[i] & 0xff);
            }
            switch (span.getKey()) {
                case "subtypeByte" -> {
                    if (m.subtype() == MptcpSubtype.MP_CAPABLE) {
                        sink.uint(MptcpFields.VERSION, value & 0x0f, r.offset(), 1);
                    }
                }
                case "flags" -> {
                    sink.uint(MptcpFields.FLAGS, value, r.offset(), 1);
                    if (m.subtype() == MptcpSubtype.DSS) {
                        dssFlags(sink, (int) value, r.offset());
                    }
                }
                case "dataAck" -> sink.uint(MptcpFields.RAWDATAACK, value, r.offset(), r.length());
                case "dataSequenceNumber" -> sink.uint(MptcpFields.RAWDATASEQNO, value, r.offset(), r.length());
                case "subflowSequenceNumber" -> sink.uint(MptcpFields.SUBFLOWSEQNO, value, r.offset(), r.length());
                case "dataLevelLength" -> sink.uint(MptcpFields.DATALVLLEN, value, r.offset(), r.length());
                case "senderKey" -> sink.uint(MptcpFields.SENDKEY, value, r.offset(), r.length());
                case "receiverKey" -> sink.uint(MptcpFields.RECVKEY, value, r.offset(), r.length());
                case "addressId" -> sink.uint(MptcpFields.ADDRID, value, r.offset(), r.length());
                default -> {
                }
            }
        }
    }

    private void capable(FieldSink sink, MpCapable c, int o) {
        boolean v1 = c.version() != 0;
        sink.uint(MptcpFields.VERSION, c.version(), o + 2, 1);
        sink.uint(MptcpFields.FLAGS, c.flags(), o + 3, 1);
        sink.open();
        sink.uint(MptcpFields.CHECKSUMREQ_FLAG, c.checksumRequired() ? 1 : 0, o + 3, 1);
        sink.uint(MptcpFields.EXTENSIBILITY_FLAG, c.extensibility() ? 1 : 0, o + 3, 1);
        if (v1) {
            sink.uint(MptcpFields.NOMORESUBFLOWS_FLAG, c.noMoreSubflows() ? 1 : 0, o + 3, 1);
            sink.uint(MptcpFields.SHA256_FLAG, c.hmacSha() ? 1 : 0, o + 3, 1);
        } else {
            sink.uint(MptcpFields.SHA1_FLAG, c.hmacSha() ? 1 : 0, o + 3, 1);
        }
        sink.uint(v1 ? MptcpFields.RESERVED_FLAG_V1 : MptcpFields.RESERVED_FLAG, c.reservedFlags() >> 1, o + 3, 1);
        int crypto = c.flags() & CRYPTO_MASK;
        if (crypto == 0) {
            expert(sink, MptcpAnalysisFields.EXPERT_MISSING_ALGORITHM, o + 3, 1);
        }
        if (crypto != 1) {
            expert(sink, MptcpAnalysisFields.EXPERT_UNSUPPORTED_ALGORITHM, o + 3, 1);
        }
        sink.close();
        if (c.hasSenderKey()) {
            sink.uint(MptcpFields.SENDKEY, c.senderKey(), o + 4, 8);
            keyDerived(sink, c, o);
            echoCheck(sink, c, o);
        }
        if (c.hasReceiverKey()) {
            sink.uint(MptcpFields.RECVKEY, c.receiverKey(), o + 12, 8);
        }
        if (c.hasDataLevelLength()) {
            sink.uint(MptcpFields.DATALVLLEN, c.dataLevelLength(), o + 20, 2);
            if (c.dataLevelLength() == 0) {
                expert(sink, MptcpAnalysisFields.EXPERT_INFINITE_MAPPING, o, c.length());
            }
        }
        if (c.hasChecksum()) {
            sink.uint(MptcpFields.CHECKSUM, c.checksum(), o + 22, 2);
        }
    }

    /** Token (top 32 bits) and IDSN (low 64 bits) of the hash of the sender's key: SHA-1 in v0, SHA-256 in v1. */
    private void keyDerived(FieldSink sink, MpCapable c, int o) {
        if (!c.hmacSha()) {
            return;
        }
        if (!sink.wantsText() && !sink.wants(MptcpFields.EXPECTED_TOKEN) && !sink.wants(MptcpFields.EXPECTED_IDSN)) {
            return;
        }
        MptcpCrypto.KeyDerived derived = crypto.derive(c.version(), c.senderKey());
        long token = derived.token();
        long idsn = derived.idsn();
        // Generated items after the sender's key, covering no bytes (as Wireshark's).
        sink.uint(MptcpFields.EXPECTED_TOKEN, token, o + 12, 0);
        sink.uint(MptcpFields.EXPECTED_IDSN, idsn, o + 12, 0);
        if (sink.wantsText()) {
            sink.appendText(" (64bits version)");
        }
    }

    /** Wireshark attaches the echo check to the expected IDSN item: the echoed key is not the SYN/ACK's. */
    private void echoCheck(FieldSink sink, MpCapable c, int o) {
        if (c.hasReceiverKey()) {
            analysis.problemExpert(sink, MptcpProblem.KEY_ECHO_MISMATCH,
                    MptcpAnalysisFields.EXPERT_ECHOED_KEY_MISMATCH, o + 4, 8);
        }
    }

    /** The TCP layer's "[MPTCP analysis]" subtree for the current packet (see {@link MptcpAnalysisEmitter}). */
    void analysisSubtree(FieldSink sink, TcpHeader tcp) {
        analysis.subtree(sink, tcp);
    }

    /** An expert item at the current place of the tree, with its default message. */
    private static void expert(FieldSink sink, Expert expert, int offset, int length) {
        if (sink.wantsExpert(expert)) {
            sink.expert(expert, expert.message(), offset, length);
        }
    }

    /** tcp.options.mptcp.flags for JOIN, PRIO and TCPRST: the whole third octet, subtype included. */
    private static void flagsByte(FieldSink sink, int subtype, int flags, int o) {
        sink.uint(MptcpFields.FLAGS, subtype << 4 | flags, o + 2, 1);
    }

    private void join(FieldSink sink, byte[] frame, MpJoin j, int o) {
        switch (j.stage()) {
            case SYN, SYN_ACK -> {
                flagsByte(sink, j.subtype(), j.flags(), o);
                sink.open();
                sink.uint(MptcpFields.BACKUP_FLAG, j.flags() & 1, o + 2, 1);
                sink.close();
                sink.uint(MptcpFields.ADDRID, j.addressId(), o + 3, 1);
                if (j.stage() == MpJoin.Stage.SYN) {
                    sink.uint(MptcpFields.RECVTOK, j.receiverToken(), o + 4, 4);
                    sink.uint(MptcpFields.SENDRAND, j.senderRandom(), o + 8, 4);
                } else {
                    sink.uint(MptcpFields.SENDTRUNCHMAC, j.senderTruncatedHmac(), o + 4, 8);
                    analysis.problemExpert(sink, MptcpProblem.BAD_JOIN_HMAC, MptcpAnalysisFields.EXPERT_BAD_JOIN_HMAC,
                            o + 4, 8);
                    sink.uint(MptcpFields.SENDRAND, j.senderRandom(), o + 12, 4);
                }
            }
            case ACK -> {
                sink.uint(MptcpFields.RESERVED, j.reserved(), o + 2, 2);
                sink.bytes(MptcpFields.SENDHMAC, frame, o + 4, Math.min(o + 24, frame.length));
                analysis.problemExpert(sink, MptcpProblem.BAD_JOIN_HMAC, MptcpAnalysisFields.EXPERT_BAD_JOIN_HMAC,
                        o + 4, 20);
            }
        }
    }

    private void dss(FieldSink sink, Dss d, int o) {
        int flags = d.flags();
        sink.uint(MptcpFields.FLAGS, flags, o + 3, 1);
        dssFlags(sink, flags, o + 3);
        int at = o + 4;
        if (d.hasDataAck()) {
            sink.uint(MptcpFields.RAWDATAACK, d.dataAck(), at, d.dataAckSize());
            if (sink.wantsText() && d.dataAckSize() == 8) {
                sink.appendText(" (64bits)");
            }
            analysis.dataAck(sink, d, o);
            at += d.dataAckSize();
        }
        if (d.hasMapping()) {
            int dsnSize = d.dataSequenceNumberSize();
            sink.uint(MptcpFields.RAWDATASEQNO, d.dataSequenceNumber(), at, dsnSize);
            if (sink.wantsText()) {
                sink.appendText(dsnSize == 8 ? "  (64bits version)" : "  (32bits version)");
            }
            at += dsnSize;
            sink.uint(MptcpFields.SUBFLOWSEQNO, d.subflowSequenceNumber(), at, 4);
            sink.uint(MptcpFields.DATALVLLEN, d.dataLevelLength(), at + 4, 2);
            if (d.dataLevelLength() == 0) {
                expert(sink, MptcpAnalysisFields.EXPERT_INFINITE_MAPPING, o, d.length());
            }
            analysis.dssDsn(sink, d, o);
            // Wireshark 4.0 shows the checksum only when four octets follow the data-level length.
            if (d.length() >= d.lengthWithoutChecksum() + 4) {
                sink.uint(MptcpFields.CHECKSUM, d.checksum(), at + 6, 2);
            }
        }
    }

    /** The DSS flags octet's subtree: F, m, M, a, A. */
    private static void dssFlags(FieldSink sink, int flags, int at) {
        sink.open();
        sink.uint(MptcpFields.DATAFIN_FLAG, (flags & Dss.FLAG_DATA_FIN) != 0 ? 1 : 0, at, 1);
        sink.uint(MptcpFields.DSEQN8_FLAG, (flags & Dss.FLAG_DSN_8) != 0 ? 1 : 0, at, 1);
        sink.uint(MptcpFields.DSEQNPRESENT_FLAG, (flags & Dss.FLAG_MAPPING) != 0 ? 1 : 0, at, 1);
        sink.uint(MptcpFields.DATAACK8_FLAG, (flags & Dss.FLAG_DATA_ACK_8) != 0 ? 1 : 0, at, 1);
        sink.uint(MptcpFields.DATAACKPRESENT_FLAG, (flags & Dss.FLAG_DATA_ACK) != 0 ? 1 : 0, at, 1);
        sink.close();
    }

    private void addAddr(FieldSink sink, byte[] frame, AddAddr a, int o) {
        if (a.lowNibbleIsIpVersion()) {
            sink.uint(MptcpFields.IPVER, a.flags(), o + 2, 1);
        } else {
            sink.uint(MptcpFields.ECHO, a.flags() & 1, o + 2, 1);
        }
        sink.uint(MptcpFields.ADDRID, a.addressId(), o + 3, 1);
        int at = o + 4;
        if (a.ipVersion() == 4) {
            int address = (a.address().get(0) << 24) | (a.address().get(1) << 16) | (a.address().get(2) << 8)
                    | a.address().get(3);
            sink.ipv4(MptcpFields.IPV4_ADDR, address, at);
            at += 4;
        } else if (a.ipVersion() == 6) {
            sink.ipv6(MptcpFields.IPV6_ADDR, frame, at);
            at += 16;
        }
        if (a.hasPort()) {
            sink.uint(MptcpFields.PORT, a.port(), at, 2);
            at += 2;
        }
        if (a.hasTruncatedHmac()) {
            sink.uint(MptcpFields.ADDADDRTRUNCHMAC, a.truncatedHmac(), at, 8);
            analysis.problemExpert(sink, MptcpProblem.BAD_ADD_ADDR_HMAC,
                    MptcpAnalysisFields.EXPERT_BAD_ADD_ADDR_HMAC, at, 8);
        }
    }

    private static void removeAddr(FieldSink sink, RemoveAddr r, int o) {
        sink.uint(MptcpFields.RM_ADDR_COUNT, r.count(), o + 2, 1);
        for (int i = 0; i < r.count(); i++) {
            sink.uint(MptcpFields.ADDRID, r.addressId(i), o + 3 + i, 1);
        }
    }

    private static void tcpRst(FieldSink sink, MpTcpRst r, int o) {
        flagsByte(sink, r.subtype(), r.flags(), o);
        if (sink.wantsText()) {
            StringBuilder names = new StringBuilder();
            if (r.flagU()) {
                names.append(", Flag U");
            }
            if (r.flagV()) {
                names.append(", Flag V");
            }
            if (r.flagW()) {
                names.append(", Flag W");
            }
            if (r.flagT()) {
                names.append(", Transient");
            }
            sink.appendText(names.toString());
        }
        sink.open();
        sink.bool(MptcpFields.FLAG_U, r.flagU(), o + 2, 1);
        sink.bool(MptcpFields.FLAG_V, r.flagV(), o + 2, 1);
        sink.bool(MptcpFields.FLAG_W, r.flagW(), o + 2, 1);
        sink.bool(MptcpFields.FLAG_T, r.flagT(), o + 2, 1);
        sink.close();
        sink.uint(MptcpFields.RST_REASON, r.reason(), o + 3, 1);
    }
}
