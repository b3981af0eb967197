package org.mptcpinspect.lab;

/** The two hosts of a lab topology, each in its own network namespace. */
public enum Side {
    CLIENT("cli"),
    SERVER("srv");

    /** Suffix of the namespace name. */
    final String suffix;

    Side(String suffix) {
        this.suffix = suffix;
    }
}
