package org.mptcpinspect.endpoint;

/** Address family of a socket. */
public enum Family {
    IPV4(Libc.AF_INET),
    IPV6(Libc.AF_INET6);

    final int af;

    Family(int af) {
        this.af = af;
    }
}
