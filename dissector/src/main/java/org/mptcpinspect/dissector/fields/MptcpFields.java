package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.DisplayBase.HEX;
import static org.mptcpinspect.dissector.fields.FieldType.BYTES;
import static org.mptcpinspect.dissector.fields.FieldType.IPV4;
import static org.mptcpinspect.dissector.fields.FieldType.IPV6;
import static org.mptcpinspect.dissector.fields.FieldType.UINT16;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;
import static org.mptcpinspect.dissector.fields.FieldType.UINT64;
import static org.mptcpinspect.dissector.fields.FieldType.UINT8;

/**
 * The MPTCP option's fields (tcp.options.mptcp.*) and the mptcp.* fields computed from one
 * packet (expected token and IDSN from a key, number of removed addresses). The mptcp.* fields
 * that need connection tracking (mptcp.stream, mptcp.dsn, ...) belong to the analysis.
 */
public final class MptcpFields {
    public static final FieldGroup GROUP = new FieldGroup("mptcp", 5);

    private static final String P = "tcp.options.mptcp.";

    public static final Field MPTCP = GROUP.protocol("mptcp", "Multipath Transmission Control Protocol");
    public static final Field SUBTYPE = GROUP.bits(UINT8, P + "subtype", "Multipath TCP subtype", DEC, 0xf0,
            ValueNames.of(0, "Multipath Capable", 1, "Join Connection", 2, "Data Sequence Signal", 3, "Add Address",
                    4, "Remove Address", 5, "Change Subflow Priority", 6, "TCP Fallback", 7, "Fast Close",
                    8, "TCP Reset"));
    public static final Field VERSION = GROUP.bits(UINT8, P + "version", "Multipath TCP version", DEC, 0x0f);
    public static final Field RESERVED = GROUP.bits(UINT16, P + "reserved", "Reserved", HEX, 0x0fff);
    public static final Field FLAGS = GROUP.uint(UINT8, P + "flags", "Multipath TCP flags", HEX);
    public static final Field BACKUP_FLAG = GROUP.bits(UINT8, P + "backup.flag", "Backup flag", DEC, 0x01);
    public static final Field CHECKSUMREQ_FLAG = GROUP.bits(UINT8, P + "checksumreq.flags", "Checksum required", DEC,
            0x80);
    public static final Field EXTENSIBILITY_FLAG = GROUP.bits(UINT8, P + "extensibility.flag", "Extensibility", DEC,
            0x40);
    public static final Field NOMORESUBFLOWS_FLAG = GROUP.bits(UINT8, P + "nomoresubflows.flag",
            "Do not attempt to establish new subflows to this address and port", DEC, 0x20);
    public static final Field SHA1_FLAG = GROUP.bits(UINT8, P + "sha1.flag", "Use HMAC-SHA1", DEC, 0x01);
    public static final Field SHA256_FLAG = GROUP.bits(UINT8, P + "sha256.flag", "Use HMAC-SHA256", DEC, 0x01);
    public static final Field DATAFIN_FLAG = GROUP.bits(UINT8, P + "datafin.flag", "DATA_FIN", DEC, 0x10);
    public static final Field DSEQN8_FLAG = GROUP.bits(UINT8, P + "dseqn8.flag", "Data Sequence Number is 8 octets",
            DEC, 0x08);
    public static final Field DSEQNPRESENT_FLAG = GROUP.bits(UINT8, P + "dseqnpresent.flag",
            "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present", DEC, 0x04);
    public static final Field DATAACK8_FLAG = GROUP.bits(UINT8, P + "dataack8.flag", "Data ACK is 8 octets", DEC, 0x02);
    public static final Field DATAACKPRESENT_FLAG = GROUP.bits(UINT8, P + "dataackpresent.flag", "Data ACK is present",
            DEC, 0x01);
    /** MP_CAPABLE's reserved flag bits: 0x3e in v0; v1 uses 0x1e (same field name in Wireshark). */
    public static final Field RESERVED_FLAG = GROUP.bits(UINT8, P + "reserved.flag", "Reserved", HEX, 0x3e);
    /** Version 1's registration of the reserved flags: one bit less (C became "no more subflows"). */
    public static final Field RESERVED_FLAG_V1 = GROUP.variant(RESERVED_FLAG, 0x1e, RESERVED_FLAG.protocol());
    public static final Field FLAG_U = GROUP.bool(P + "flag_U.flag", "Flag U", 4, 0x8, TrueFalse.SET_NOT_SET);
    public static final Field FLAG_V = GROUP.bool(P + "flag_V.flag", "Flag V", 4, 0x4, TrueFalse.SET_NOT_SET);
    public static final Field FLAG_W = GROUP.bool(P + "flag_W.flag", "Flag W", 4, 0x2, TrueFalse.SET_NOT_SET);
    public static final Field FLAG_T = GROUP.bool(P + "flag_T.flag", "Transient", 4, 0x1, TrueFalse.SET_NOT_SET);
    public static final Field RST_REASON = GROUP.uint(UINT8, P + "rst_reason", "TCPRST Reason", HEX,
            ValueNames.of(0, "Unspecified error", 1, "MPTCP-specific error", 2, "Lack of resources",
                    3, "Administratively prohibited", 4, "Too much outstanding data", 5, "Unacceptable performance",
                    6, "Middlebox interference"));
    public static final Field ADDRID = GROUP.uint(UINT8, P + "addrid", "Address ID", DEC);
    public static final Field SENDKEY = GROUP.uint(UINT64, P + "sendkey", "Sender's Key", DEC);
    public static final Field RECVKEY = GROUP.uint(UINT64, P + "recvkey", "Receiver's Key", DEC);
    public static final Field RECVTOK = GROUP.uint(UINT32, P + "recvtok", "Receiver's Token", DEC);
    public static final Field SENDRAND = GROUP.uint(UINT32, P + "sendrand", "Sender's Random Number", DEC);
    public static final Field SENDTRUNCHMAC = GROUP.uint(UINT64, P + "sendtrunchmac", "Sender's Truncated HMAC", DEC);
    public static final Field SENDHMAC = GROUP.field(BYTES, P + "sendhmac", "Sender's HMAC");
    public static final Field ADDADDRTRUNCHMAC = GROUP.uint(UINT64, P + "addaddrtrunchmac", "Truncated HMAC", DEC);
    public static final Field RAWDATAACK = GROUP.uint(UINT64, P + "rawdataack", "Original MPTCP Data ACK", DEC);
    public static final Field RAWDATASEQNO = GROUP.uint(UINT64, P + "rawdataseqno", "Data Sequence Number", DEC);
    public static final Field SUBFLOWSEQNO = GROUP.uint(UINT32, P + "subflowseqno", "Subflow Sequence Number", DEC);
    public static final Field DATALVLLEN = GROUP.uint(UINT16, P + "datalvllen", "Data-level Length", DEC);
    public static final Field CHECKSUM = GROUP.uint(UINT16, P + "checksum", "Checksum", HEX);
    public static final Field IPVER = GROUP.bits(UINT8, P + "ipver", "IP version", DEC, 0x0f);
    public static final Field ECHO = GROUP.bits(UINT8, P + "echo", "Echo", DEC, 0x01);
    public static final Field IPV4_ADDR = GROUP.field(IPV4, P + "ipv4", "Advertised IPv4 Address");
    public static final Field IPV6_ADDR = GROUP.field(IPV6, P + "ipv6", "Advertised IPv6 Address");
    public static final Field PORT = GROUP.uint(UINT16, P + "port", "Advertised port", DEC);

    public static final Field EXPECTED_TOKEN = GROUP.uint(UINT32, "mptcp.expected_token",
            "Subflow token generated from key", DEC, Field.GENERATED);
    public static final Field EXPECTED_IDSN = GROUP.uint(UINT64, "mptcp.expected_idsn", "Subflow expected IDSN", DEC,
            Field.GENERATED);
    public static final Field RM_ADDR_COUNT = GROUP.uint(UINT8, "mptcp.rm_addr.count", "Number of removed addresses",
            DEC, Field.GENERATED);

    private MptcpFields() {
    }
}
