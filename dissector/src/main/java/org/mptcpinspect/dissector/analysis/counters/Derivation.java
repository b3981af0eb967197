package org.mptcpinspect.dissector.analysis.counters;

/** How far a capture determines a kernel counter. */
public enum Derivation {
    /** The capture determines the value: the kernel counts something every packet shows. */
    EXACT("exact"),
    /** Estimated from the packets, within a documented bound (see the counter's explanation). */
    APPROXIMATE("approx"),
    /** The kernel counts something that never reaches the wire; never printed. */
    NOT_DERIVABLE("not derivable");

    private final String label;

    Derivation(String label) {
        this.label = label;
    }

    /** Short label for tables ("exact", "approx", ...). */
    public String label() {
        return label;
    }

    /** Whether values of this kind are reported (as measured or estimated). */
    public boolean reported() {
        return this == EXACT || this == APPROXIMATE;
    }
}
