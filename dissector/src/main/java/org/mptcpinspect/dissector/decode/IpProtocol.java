package org.mptcpinspect.dissector.decode;

/** IANA protocol numbers (ip.proto / ipv6.nxt) the decoder acts on. */
public final class IpProtocol {
    public static final int HOP_BY_HOP = 0;
    public static final int TCP = 6;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AUTHENTICATION = 51;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;

    private IpProtocol() {
    }
}
