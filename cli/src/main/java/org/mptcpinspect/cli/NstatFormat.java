package org.mptcpinspect.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.mptcpinspect.dissector.analysis.counters.CounterValues;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;
import org.mptcpinspect.dissector.analysis.counters.PartialRule;

/**
 * nstat's output layouts (iproute2 misc/nstat.c): a "#kernel" line, then one
 * {@code "%-32s%-16llu%6.1f"} line per counter, zeros hidden unless -z; JSON with nstat's names.
 * Only counters a capture determines ({@code Derivation.reported()}) are ever printed.
 */
final class NstatFormat {
    private final boolean zeros;

    NstatFormat(boolean zeros) {
        this.zeros = zeros;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One host's block. With {@code named}, a "#host ADDR,..." line first tells several hosts apart
     * (nstat itself has one source, so its output has none).
     */
    void appendText(StringBuilder out, HostCounters host, boolean named) {
        if (named) {
            out.append("#host ").append(host.addressList()).append('\n');
        }
        out.append("#kernel\n");
        appendLines(out, host, host.values(), 0.0);
    }

    /**
     * The counter lines of {@code values}, those the capture determines for {@code host}. RATE is
     * the value per second over {@code seconds} (deltas of live intervals); 0.0 for a capture's
     * totals ({@code seconds} 0), as nstat prints without its daemon.
     */
    void appendLines(StringBuilder out, HostCounters host, CounterValues values, double seconds) {
        for (MptcpCounter c : MptcpCounter.values()) {
            long v = values.get(c);
            if (!host.reported(c) || v == 0 && !zeros) {
                continue;
            }
            double rate = seconds > 0 ? v / seconds : 0.0;
            out.append(String.format(Locale.ROOT, "%-32s%-16d%6.1f%n", c.nstatName(), v, rate));
        }
    }

    /** {"host": ["192.0.2.1", ...], "counters": {"MPTcpExtMPCapableSYNTX": 1, ...}} and a newline. */
    void appendJson(StringBuilder out, HostCounters host) {
        out.append("{\"host\": [");
        boolean first = true;
        for (HostAddress a : host.addresses()) {
            out.append(first ? "" : ", ").append('"').append(a).append('"');
            first = false;
        }
        out.append("], \"counters\": {");
        first = true;
        for (MptcpCounter c : MptcpCounter.values()) {
            long v = host.values().get(c);
            if (!host.reported(c) || v == 0 && !zeros) {
                continue;
            }
            out.append(first ? "" : ", ").append('"').append(c.nstatName()).append("\": ").append(v);
            first = false;
        }
        out.append("}}\n");
    }

    /**
     * The --explain table: every kernel counter, in kernel order, with its status and reason, then
     * its status on connections and subflows whose start the capture missed, and why.
     */
    String explanation() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-32s%-16s%-16s%s%n", "COUNTER", "FROM A CAPTURE", "STARTED BEFORE",
                "WHY"));
        for (MptcpCounter c : MptcpCounter.values()) {
            out.append(String.format(Locale.ROOT, "%-32s%-16s%-16s%s%n", c.nstatName(), c.derivation().label(),
                    partialLabel(c), c.explanation() + partialWhy(c)));
        }
        return out.toString();
    }

    /** What --explain and the README say of a counter on partial connections and subflows. */
    static String partialLabel(MptcpCounter c) {
        if (!c.derivation().reported()) {
            return "-";
        }
        return c.partialRule() == PartialRule.COUNTED ? c.partialDerivation().label() : "not counted";
    }

    /** The reason for {@link #partialLabel}, as a sentence after the counter's own ("" when it says all). */
    static String partialWhy(MptcpCounter c) {
        return c.partialExplanation().isEmpty() ? "" : ". Started before the capture: " + c.partialExplanation();
    }
}
