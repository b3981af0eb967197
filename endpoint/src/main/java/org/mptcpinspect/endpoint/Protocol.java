package org.mptcpinspect.endpoint;

/** The transport a socket is opened with: MPTCP, or plain TCP for fallback scenarios. */
public enum Protocol {
    MPTCP(Libc.IPPROTO_MPTCP),
    TCP(Libc.IPPROTO_TCP);

    final int ipproto;

    Protocol(int ipproto) {
        this.ipproto = ipproto;
    }
}
