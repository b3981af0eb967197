package org.mptcpinspect.dissector.decode;

import java.util.List;

import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Everything the decoder learned about one frame. Layers that are absent (non-IP frames, non-TCP
 * packets, headers cut short, unknown link types) are null; {@link #flags()} says why when the
 * absence is a problem rather than ordinary traffic (ARP, UDP, ...).
 *
 * @param frame    the frame as captured
 * @param link     link-layer header, or null (RAW/IPV4/IPV6 link types, unknown link type)
 * @param vlanTags 802.1Q/802.1ad tags after the link header, outermost first
 * @param ip       network-layer header, or null
 * @param tcp      TCP header, or null
 * @param flags    problems found, in the order found; empty for a clean packet
 */
public record DecodedPacket(RawFrame frame, LinkHeader link, List<VlanTag> vlanTags, IpHeader ip, TcpHeader tcp,
                            List<DecodeFlag> flags) {

    /** The frame number (1-based). */
    public long number() {
        return frame.number();
    }

    public Ipv4Header ipv4() {
        return ip instanceof Ipv4Header h ? h : null;
    }

    public Ipv6Header ipv6() {
        return ip instanceof Ipv6Header h ? h : null;
    }

    public boolean hasTcp() {
        return tcp != null;
    }

    public boolean has(Problem problem) {
        for (DecodeFlag f : flags) {
            if (f.problem() == problem) {
                return true;
            }
        }
        return false;
    }

    /** The worst severity among the flags, or null for a clean packet. */
    public Severity worstSeverity() {
        Severity worst = null;
        for (DecodeFlag f : flags) {
            if (worst == null || f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
        }
        return worst;
    }
}
