package org.mptcpinspect.dissector.fields;

/**
 * The packet list's text columns (Source, Destination, Protocol, Info) of one packet, filled by
 * {@link PacketEmitter#summarize(SummaryColumns)} as bytes. Reused from packet to packet.
 */
public final class SummaryColumns {
    public final TextBuffer source = new TextBuffer(48);
    public final TextBuffer destination = new TextBuffer(48);
    public final TextBuffer protocol = new TextBuffer(16);
    public final TextBuffer info = new TextBuffer(160);

    public void clear() {
        source.clear();
        destination.clear();
        protocol.clear();
        info.clear();
    }
}
