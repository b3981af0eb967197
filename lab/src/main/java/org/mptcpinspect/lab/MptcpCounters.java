package org.mptcpinspect.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A namespace's MPTcpExt counters (what {@code nstat -az} lists as MPTcpExt*), read straight
 * from /proc/net/netstat inside the namespace: no nstat history files involved.
 */
public final class MptcpCounters {
    private static final String PREFIX = "MPTcpExt:";

    private MptcpCounters() {
    }

    /** Counter name to value, in the kernel's order. */
    public static Map<String, Long> read(String namespace) throws LabException {
        return parse(Shell.run("ip", "netns", "exec", namespace, "cat", "/proc/net/netstat"));
    }

    /**
     * /proc/net/netstat holds pairs of lines per group: "MPTcpExt: Name1 Name2 ..." then
     * "MPTcpExt: value1 value2 ...".
     */
    static Map<String, Long> parse(String netstat) throws LabException {
        String names = null;
        for (String line : netstat.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            if (names == null) {
                names = line;
                continue;
            }
            String[] keys = names.substring(PREFIX.length()).trim().split("\\s+");
            String[] values = line.substring(PREFIX.length()).trim().split("\\s+");
            if (keys.length != values.length) {
                throw new LabException("malformed MPTcpExt lines in /proc/net/netstat");
            }
            Map<String, Long> counters = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                counters.put(keys[i], Long.parseLong(values[i]));
            }
            return counters;
        }
        throw new LabException("no MPTcpExt counters in /proc/net/netstat (kernel without MPTCP?)");
    }

    /** after - before for every counter (all of them, zeros included, like nstat -z). */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
        return delta;
    }
}
