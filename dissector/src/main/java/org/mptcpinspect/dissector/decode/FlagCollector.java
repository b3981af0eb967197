package org.mptcpinspect.dissector.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers one packet's flags. Allocates nothing until the first problem (clean packets are the
 * norm), and remembers whether anything malformed was seen so later layers are not decoded on top
 * of it.
 */
final class FlagCollector {
    private ArrayList<DecodeFlag> flags;
    private boolean malformed;

    void add(Problem problem, int offset, int length, String message) {
        if (flags == null) {
            flags = new ArrayList<>(2);
        }
        flags.add(new DecodeFlag(problem, offset, length, message));
        if (problem.severity() == Severity.ERROR) {
            malformed = true;
        }
    }

    /**
     * Flags a header that ends past the captured bytes, saying whether the snaplen or a genuinely
     * short frame is to blame.
     */
    void truncated(Problem problem, String what, int offset, int needed, int captured, boolean snaplenCut) {
        int have = Math.max(0, captured - offset);
        add(problem, offset, have, what + " cut short: " + have + " of " + needed + " bytes "
                + (snaplenCut ? "captured (snaplen)" : "in the frame"));
    }

    /** True once an ERROR was added: the bytes after it cannot be trusted to hold the next layer. */
    boolean malformed() {
        return malformed;
    }

    List<DecodeFlag> toList() {
        return flags == null ? List.of() : List.copyOf(flags);
    }
}
