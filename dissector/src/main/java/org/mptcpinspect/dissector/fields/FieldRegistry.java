package org.mptcpinspect.dissector.fields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All known fields, looked up by Wireshark name for -e and -Y. Immutable.
 *
 * <p>Group indices (the id ranges of {@link FieldGroup}) are allocated here, one per protocol
 * family: 0 frame, 1 link layers (eth, sll, null, vlan), 2 ip, 3 ipv6, 4 tcp, 5 mptcp, 6 data,
 * 7 expert info, 8 MPTCP analysis.
 */
public final class FieldRegistry {
    private static final FieldRegistry STANDARD = new FieldRegistry(List.of(FrameFields.GROUP, LinkFields.GROUP, IpFields.GROUP, Ipv6Fields.GROUP,
            TcpFields.GROUP, MptcpFields.GROUP, DataFields.GROUP, ExpertFields.GROUP,
            MptcpAnalysisFields.GROUP));

    private final Map<String, Field> byName;
    private final List<Field> all;
    private final int idLimit;

    public FieldRegistry(Collection<FieldGroup> groups) {
        Map<String, Field> map = new HashMap<>();
        List<Field> list = new ArrayList<>();
        int limit = 0;
        for (FieldGroup group : groups) {
            for (Field f : group.fields()) {
                Field previous = map.put(f.abbrev(), f);
                if (previous != null) {
                    throw new IllegalArgumentException("field " + f.abbrev() + " defined twice");
                }
                list.add(f);
                limit = Math.max(limit, f.id() + 1);
            }
        }
        byName = Map.copyOf(map);
        all = List.copyOf(list);
        idLimit = limit;
    }

    /** The registry of every field this tool dissects. */
    public static FieldRegistry standard() {
        return STANDARD;
    }

    /** The field of that exact Wireshark name, or null. */
    public Field lookup(String abbrev) {
        return byName.get(abbrev);
    }

    /** Every field, in declaration order. */
    public List<Field> fields() {
        return all;
    }

    /** One more than the largest field id: the size of arrays indexed by {@link Field#id()}. */
    public int idLimit() {
        return idLimit;
    }
}
