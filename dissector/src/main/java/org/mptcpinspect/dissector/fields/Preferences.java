package org.mptcpinspect.dissector.fields;

import java.util.List;
import java.util.Locale;

/**
 * The tshark preferences ({@code -o NAME:VALUE}) and name resolution ({@code -n}) that change what
 * a packet shows, with Wireshark 4.0's meaning. They choose only what is presented: the trackers
 * follow every packet the same way whatever they say.
 *
 * @param analyzeMptcp                {@code mptcp.analyze_mptcp}: the "[MPTCP analysis]" subtree
 *                                    (mptcp.stream, mptcp.master, mptcp.analysis.subflows and what the
 *                                    two below add to it)
 * @param analyzeMappings             {@code mptcp.analyze_mappings}: mptcp.related_mapping, mptcp.rawdsn64,
 *                                    mptcp.dsn and "No mapping available". Wireshark's default is FALSE;
 *                                    ours TRUE, as the analysis this tool exists for
 * @param intersubflowsRetransmission {@code mptcp.intersubflows_retransmission}: mptcp.reinjection_of and
 *                                    mptcp.reinjected_in (they need the mappings too). Wireshark's default
 *                                    is FALSE; ours TRUE
 * @param relativeSequenceNumbers     {@code tcp.relative_sequence_numbers}: tcp.seq, tcp.ack, tcp.nxtseq
 *                                    and SACK edges relative to each side's initial sequence number, or
 *                                    as on the wire
 * @param mptcpRelativeSequenceNumbers {@code mptcp.relative_sequence_numbers}: mptcp.ack, mptcp.dss.dsn
 *                                    and mptcp.dsn relative to the IDSN ("(Relative)"), or the 64-bit
 *                                    data sequence numbers (then no mptcp.dsn: mptcp.rawdsn64 says it)
 * @param resolveMacNames             MAC address names (Broadcast, IPv6mcast_16, "name (address)"
 *                                    labels); tshark's {@code -n} turns them off
 */
public record Preferences(boolean analyzeMptcp, boolean analyzeMappings, boolean intersubflowsRetransmission,
                          boolean relativeSequenceNumbers, boolean mptcpRelativeSequenceNumbers,
                          boolean resolveMacNames) {

    public static final Preferences DEFAULT = new Preferences(true, true, true, true, true, true);

    public static final String ANALYZE_MPTCP = "mptcp.analyze_mptcp";
    public static final String ANALYZE_MAPPINGS = "mptcp.analyze_mappings";
    public static final String INTERSUBFLOWS_RETRANSMISSION = "mptcp.intersubflows_retransmission";
    public static final String RELATIVE_SEQUENCE_NUMBERS = "tcp.relative_sequence_numbers";
    public static final String MPTCP_RELATIVE_SEQUENCE_NUMBERS = "mptcp.relative_sequence_numbers";

    /** The preference names {@link #with} takes. */
    public static final List<String> NAMES = List.of(ANALYZE_MPTCP, ANALYZE_MAPPINGS, INTERSUBFLOWS_RETRANSMISSION,
            RELATIVE_SEQUENCE_NUMBERS, MPTCP_RELATIVE_SEQUENCE_NUMBERS);

    /**
     * These preferences with one more tshark {@code -o} setting, {@code NAME:VALUE}: as in tshark,
     * the module name (before the first dot) is case-insensitive, blanks after the colon are
     * skipped and the value is TRUE or FALSE in any case. tshark reads any other value as FALSE;
     * here it is an error, so that a typo cannot switch an analysis off unnoticed.
     *
     * @throws IllegalArgumentException one line saying what is wrong
     */
    public Preferences with(String setting) {
        int colon = setting.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid -o flag \"" + setting
                    + "\" (use NAME:VALUE, e.g. " + ANALYZE_MAPPINGS + ":TRUE)");
        }
        String name = setting.substring(0, colon);
        int dot = name.indexOf('.');
        String canonical = dot < 0 ? name : name.substring(0, dot).toLowerCase(Locale.ROOT) + name.substring(dot);
        if (!NAMES.contains(canonical)) {
            throw new IllegalArgumentException("-o flag \"" + setting + "\" names an unsupported preference (supported: "
                    + String.join(", ", NAMES) + ")");
        }
        String value = setting.substring(colon + 1).stripLeading();
        boolean on;
        if (value.equalsIgnoreCase("TRUE")) {
            on = true;
        } else if (value.equalsIgnoreCase("FALSE")) {
            on = false;
        } else {
            throw new IllegalArgumentException("-o flag \"" + setting + "\": " + canonical
                    + " takes TRUE or FALSE, not \"" + value + "\"");
        }
        return switch (canonical) {
            case ANALYZE_MPTCP -> new Preferences(on, analyzeMappings, intersubflowsRetransmission,
                    relativeSequenceNumbers, mptcpRelativeSequenceNumbers, resolveMacNames);
            case ANALYZE_MAPPINGS -> new Preferences(analyzeMptcp, on, intersubflowsRetransmission,
                    relativeSequenceNumbers, mptcpRelativeSequenceNumbers, resolveMacNames);
            case INTERSUBFLOWS_RETRANSMISSION -> new Preferences(analyzeMptcp, analyzeMappings, on,
                    relativeSequenceNumbers, mptcpRelativeSequenceNumbers, resolveMacNames);
            case MPTCP_RELATIVE_SEQUENCE_NUMBERS -> new Preferences(analyzeMptcp, analyzeMappings,
                    intersubflowsRetransmission, relativeSequenceNumbers, on, resolveMacNames);
            default -> new Preferences(analyzeMptcp, analyzeMappings, intersubflowsRetransmission, on,
                    mptcpRelativeSequenceNumbers, resolveMacNames);
        };
    }

    /** These preferences without MAC name resolution (tshark's -n). */
    public Preferences withoutNameResolution() {
        return new Preferences(analyzeMptcp, analyzeMappings, intersubflowsRetransmission, relativeSequenceNumbers,
                mptcpRelativeSequenceNumbers, false);
    }

    /** Whether the "[MPTCP analysis]" subtree places data: related mapping, raw and relative DSN. */
    boolean showsMappings() {
        return analyzeMptcp && analyzeMappings;
    }

    /** Whether it links reinjections: Wireshark looks them up with the packet's mapped DSNs. */
    boolean showsReinjections() {
        return showsMappings() && intersubflowsRetransmission;
    }
}
