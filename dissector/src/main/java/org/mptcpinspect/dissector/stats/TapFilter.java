package org.mptcpinspect.dissector.stats;

import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterMatcher;

/** A statistic's own display filter (the FILTER of {@code -z conv,tcp,FILTER}): which frames it counts. */
final class TapFilter {
    private final String text;
    private final FilterMatcher matcher;

    /** @param filter the compiled filter, or null for every frame */
    TapFilter(String text, DisplayFilter filter) {
        this.text = text;
        this.matcher = filter == null ? null : filter.newMatcher();
    }

    boolean matches(PacketEmitter packet) {
        if (matcher == null) {
            return true;
        }
        matcher.reset();
        packet.emit(matcher);
        return matcher.matches();
    }

    /** The "Filter:" line's text: the filter as given, or tshark's placeholder. */
    String shown() {
        return text == null ? "<No Filter>" : text;
    }
}
