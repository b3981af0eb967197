package org.mptcpinspect.dissector.decode;

import java.util.List;

import org.mptcpinspect.dissector.mptcp.MptcpOption;

/**
 * One TCP option, in the order it appears in the header. Every option records the frame offset of
 * its kind byte and its length (kind and length bytes included; 1 for EOL and NOP).
 */
public sealed interface TcpOption {
    int EOL = 0;
    int NOP = 1;
    int MSS = 2;
    int WINDOW_SCALE = 3;
    int SACK_PERMITTED = 4;
    int SACK = 5;
    int TIMESTAMPS = 8;
    int MD5_SIGNATURE = 19;
    int TCP_AO = 29;
    int MPTCP = 30;

    int offset();

    int length();

    /** tcp.option_kind. */
    int kind();

    /**
     * End of option list (kind 0). What follows is padding: as in Wireshark, each further zero byte
     * is listed as another EndOfOptionList, and a non-zero byte ends the list with a
     * {@link Problem#TCP_NONZERO_PADDING} flag.
     */
    record EndOfOptionList(int offset) implements TcpOption {
        public int length() {
            return 1;
        }

        public int kind() {
            return EOL;
        }
    }

    /** No-operation (kind 1). */
    record NoOperation(int offset) implements TcpOption {
        public int length() {
            return 1;
        }

        public int kind() {
            return NOP;
        }
    }

    /** Maximum segment size (kind 2, length 4): tcp.options.mss_val. */
    record MaximumSegmentSize(int offset, int value) implements TcpOption {
        public int length() {
            return 4;
        }

        public int kind() {
            return MSS;
        }
    }

    /** Window scale (kind 3, length 3): tcp.options.wscale.shift. */
    record WindowScale(int offset, int shiftCount) implements TcpOption {
        public int length() {
            return 3;
        }

        public int kind() {
            return WINDOW_SCALE;
        }

        /** tcp.options.wscale.multiplier; RFC 7323 caps the shift at 14. */
        public int multiplier() {
            return 1 << Math.min(shiftCount, 14);
        }
    }

    /** SACK permitted (kind 4, length 2). */
    record SackPermitted(int offset) implements TcpOption {
        public int length() {
            return 2;
        }

        public int kind() {
            return SACK_PERMITTED;
        }
    }

    /**
     * SACK (kind 5): the complete blocks (raw sequence numbers, tcp.options.sack_le/sack_re). A
     * length that is not 2 + 8n is flagged; the trailing partial block is not decoded (Wireshark
     * still shows its left edge when those 4 bytes are there, at offset + 2 + 8 * blocks().size()).
     */
    record Sack(int offset, int length, List<SackBlock> blocks) implements TcpOption {
        public int kind() {
            return SACK;
        }
    }

    /** One SACK block: unsigned 32-bit left and right edges. */
    record SackBlock(long leftEdge, long rightEdge) {
    }

    /** Timestamps (kind 8, length 10): tcp.options.timestamp.tsval and tsecr, unsigned 32-bit. */
    record Timestamps(int offset, long value, long echoReply) implements TcpOption {
        public int length() {
            return 10;
        }

        public int kind() {
            return TIMESTAMPS;
        }
    }

    /** TCP MD5 signature (kind 19, length 18); the digest stays raw at offset + 2, 16 bytes. */
    record Md5Signature(int offset) implements TcpOption {
        public int length() {
            return 18;
        }

        public int kind() {
            return MD5_SIGNATURE;
        }

        public int digestOffset() {
            return offset + 2;
        }
    }

    /** TCP-AO (kind 29, RFC 5925); the MAC stays raw at {@link #macOffset()}. */
    record TcpAuthentication(int offset, int length, int keyId, int rNextKeyId) implements TcpOption {
        public int kind() {
            return TCP_AO;
        }

        public int macOffset() {
            return offset + 4;
        }

        public int macLength() {
            return length - 4;
        }
    }

    /** Multipath TCP (kind 30), dissected by the MPTCP option dissector. */
    record Mptcp(int offset, int length, MptcpOption option) implements TcpOption {
        public int kind() {
            return MPTCP;
        }
    }

    /** Any other kind; its data stays raw at offset + 2 (tcp.options.unknown.payload). */
    record Unknown(int offset, int length, int kind) implements TcpOption {
    }

    /**
     * An option the snaplen cut after its length byte: only {@code capturedLength} (at least 2) of
     * its {@code length} bytes are in the frame, so its value is not decoded (the packet carries
     * {@link Problem#TCP_OPTIONS_TRUNCATED}). A cut before the length byte leaves no option at all,
     * as in Wireshark.
     */
    record Truncated(int offset, int kind, int length, int capturedLength) implements TcpOption {
    }

    /**
     * A known kind whose length byte is wrong for it (e.g. MSS with length 3). Its value is not
     * decoded; the packet carries a {@link Problem#TCP_OPTION_BAD_LENGTH} flag. Decoding continues
     * with the next option, as Wireshark does.
     */
    record BadLength(int offset, int length, int kind) implements TcpOption {
    }
}
