package org.mptcpinspect.dissector.fields;

import java.util.Arrays;
import java.util.Collection;

/** Which field groups a set of fields touches, for {@link FieldSink#wantsGroup(int)}. */
public final class GroupSet {
    /** More than any group index the registry allocates. */
    public static final int LIMIT = 64;

    private GroupSet() {
    }

    /**
     * The groups of the fields, as a flag per group index. Expert info can sit in any layer, so a
     * field of the expert group makes every group wanted.
     */
    public static boolean[] of(Collection<Field> fields) {
        boolean[] groups = new boolean[LIMIT];
        for (Field f : fields) {
            if (f.groupIndex() == ExpertFields.GROUP.index()) {
                Arrays.fill(groups, true);
                return groups;
            }
            if (f.groupIndex() < LIMIT) {
                groups[f.groupIndex()] = true;
            }
        }
        return groups;
    }
}
