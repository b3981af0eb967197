package org.mptcpinspect.dissector.decode;

import java.util.Arrays;
import java.util.List;

import org.mptcpinspect.dissector.mptcp.MptcpOptionDissector;

/**
 * Walks a TCP options area the way Wireshark 4.0 does: after an EOL only zero bytes follow (each
 * another EOL); a length byte that is missing, below 2 or past the options' end stops the walk; a
 * known kind with the wrong length is kept as {@link TcpOption.BadLength} and the walk goes on; an
 * option cut by the snaplen is kept as {@link TcpOption.Truncated} and ends the walk.
 */
final class TcpOptionDecoder {
    /** At most 40 option bytes, so at most 40 options. */
    private static final int MAX_OPTIONS = 40;

    private TcpOptionDecoder() {
    }

    /**
     * @param start       offset of the first option byte
     * @param end         end of the options area per the data offset
     * @param capturedEnd end of the captured segment bytes (may fall inside the options)
     */
    static List<TcpOption> decode(byte[] b, int start, int end, int capturedEnd, FlagCollector flags) {
        TcpOption[] found = new TcpOption[Math.min(end - start, MAX_OPTIONS)];
        int count = 0;
        int p = start;
        boolean padding = false;
        while (p < end) {
            if (p >= capturedEnd) {
                flagCut(p, capturedEnd, flags);
                break;
            }
            int kind = Bytes.u8(b, p);
            if (kind == TcpOption.EOL) {
                found[count++] = new TcpOption.EndOfOptionList(p);
                padding = true;
                p++;
                continue;
            }
            if (padding) {
                flags.add(Problem.TCP_NONZERO_PADDING, p, Math.min(end, capturedEnd) - p,
                        "non-zero TCP header padding after end of option list");
                break;
            }
            if (kind == TcpOption.NOP) {
                found[count++] = new TcpOption.NoOperation(p);
                p++;
                continue;
            }
            if (p + 1 >= end) {
                flags.add(Problem.TCP_OPTION_BAD_LENGTH, p, 1,
                        "TCP option " + name(kind) + ": length byte past end of options");
                break;
            }
            if (p + 1 >= capturedEnd) {
                flagCut(p, capturedEnd, flags);
                break;
            }
            int length = Bytes.u8(b, p + 1);
            if (length < 2) {
                flags.add(Problem.TCP_OPTION_BAD_LENGTH, p, 2,
                        "TCP option " + name(kind) + ": too-short option length " + length);
                break;
            }
            if (p + length > end) {
                flags.add(Problem.TCP_OPTION_BAD_LENGTH, p, end - p,
                        "TCP option " + name(kind) + ": length " + length + " runs past the end of the options");
                break;
            }
            if (p + length > capturedEnd) {
                found[count++] = new TcpOption.Truncated(p, kind, length, capturedEnd - p);
                flagCut(p, capturedEnd, flags);
                break;
            }
            found[count++] = option(b, p, kind, length, flags);
            p += length;
        }
        return count == 0 ? List.of() : List.of(Arrays.copyOf(found, count));
    }

    private static TcpOption option(byte[] b, int p, int kind, int length, FlagCollector flags) {
        return switch (kind) {
            case TcpOption.MSS -> length == 4 ? new TcpOption.MaximumSegmentSize(p, Bytes.u16(b, p + 2))
                    : badLength(p, kind, length, "4", flags);
            case TcpOption.WINDOW_SCALE -> {
                if (length != 3) {
                    yield badLength(p, kind, length, "3", flags);
                }
                int shift = Bytes.u8(b, p + 2);
                if (shift > 14) {
                    flags.add(Problem.TCP_OPTION_BAD_VALUE, p + 2, 1,
                            "TCP window scale shift " + shift + " exceeds 14 (RFC 7323): 14 is used");
                }
                yield new TcpOption.WindowScale(p, shift);
            }
            case TcpOption.SACK_PERMITTED -> length == 2 ? new TcpOption.SackPermitted(p)
                    : badLength(p, kind, length, "2", flags);
            case TcpOption.SACK -> sack(b, p, length, flags);
            case TcpOption.TIMESTAMPS -> length == 10
                    ? new TcpOption.Timestamps(p, Bytes.u32(b, p + 2), Bytes.u32(b, p + 6))
                    : badLength(p, kind, length, "10", flags);
            case TcpOption.MD5_SIGNATURE -> length == 18 ? new TcpOption.Md5Signature(p)
                    : badLength(p, kind, length, "18", flags);
            case TcpOption.TCP_AO -> length >= 4
                    ? new TcpOption.TcpAuthentication(p, length, Bytes.u8(b, p + 2), Bytes.u8(b, p + 3))
                    : badLength(p, kind, length, "at least 4", flags);
            case TcpOption.MPTCP -> new TcpOption.Mptcp(p, length, MptcpOptionDissector.dissect(b, p, length));
            default -> new TcpOption.Unknown(p, length, kind);
        };
    }

    private static TcpOption sack(byte[] b, int p, int length, FlagCollector flags) {
        int blocks = (length - 2) / 8;
        TcpOption.SackBlock[] edges = new TcpOption.SackBlock[blocks];
        for (int i = 0; i < blocks; i++) {
            int at = p + 2 + 8 * i;
            edges[i] = new TcpOption.SackBlock(Bytes.u32(b, at), Bytes.u32(b, at + 4));
        }
        if ((length - 2) % 8 != 0) {
            flags.add(Problem.TCP_OPTION_BAD_LENGTH, p + 2 + 8 * blocks, (length - 2) % 8,
                    "TCP option SACK: length " + length + " leaves a partial block (should be 2 + 8n)");
        }
        return new TcpOption.Sack(p, length, List.of(edges));
    }

    private static TcpOption badLength(int p, int kind, int length, String expected, FlagCollector flags) {
        flags.add(Problem.TCP_OPTION_BAD_LENGTH, p + 1, 1,
                "TCP option " + name(kind) + ": length " + length + ", should be " + expected);
        return new TcpOption.BadLength(p, length, kind);
    }

    /** Every packet of a header-only capture (tcpdump -s 96) can hit this: constant text. */
    private static void flagCut(int p, int capturedEnd, FlagCollector flags) {
        flags.add(Problem.TCP_OPTIONS_TRUNCATED, p, Math.max(0, capturedEnd - p),
                "TCP options cut by the snaplen: the options from here on are not decoded");
    }

    /** Names for messages only. */
    private static String name(int kind) {
        return switch (kind) {
            case TcpOption.MSS -> "MSS (kind 2)";
            case TcpOption.WINDOW_SCALE -> "window scale (kind 3)";
            case TcpOption.SACK_PERMITTED -> "SACK permitted (kind 4)";
            case TcpOption.SACK -> "SACK (kind 5)";
            case TcpOption.TIMESTAMPS -> "timestamps (kind 8)";
            case TcpOption.MD5_SIGNATURE -> "MD5 signature (kind 19)";
            case TcpOption.TCP_AO -> "TCP-AO (kind 29)";
            case TcpOption.MPTCP -> "MPTCP (kind 30)";
            default -> "kind " + kind;
        };
    }
}
