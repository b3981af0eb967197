package org.mptcpinspect.dissector.fields;

/**
 * Passes items on until one reaches past {@code limit} (the end of the captured bytes), then
 * drops that one and every later value item, as Wireshark's dissection stops at the first field
 * the capture cut. Protocol items and the tree structure still pass, so the tree stays balanced.
 */
final class LimitSink implements FieldSink {
    private final FieldSink sink;
    private final int limit;
    private final boolean protocolLabels;
    private boolean cut;
    private boolean lastDropped;
    private boolean lastIsProtocol;

    /**
     * @param protocolLabels whether protocol items keep their labels: Wireshark's MPTCP dissector
     *                       labels its item as soon as it knows the subtype, the IP dissector
     *                       only after the addresses, which a cut header lacks
     */
    LimitSink(FieldSink sink, int limit, boolean protocolLabels) {
        this.sink = sink;
        this.limit = limit;
        this.protocolLabels = protocolLabels;
    }

    /** True (and from then on) once an item did not fit. */
    private boolean drop(int offset, int length) {
        if (!cut && offset + length > limit) {
            cut = true;
        }
        lastDropped = cut;
        lastIsProtocol = false;
        return cut;
    }

    @Override
    public boolean wants(Field field) {
        return sink.wants(field);
    }

    @Override
    public boolean wantsText() {
        return sink.wantsText();
    }

    @Override
    public boolean wantsGroup(int groupIndex) {
        return sink.wantsGroup(groupIndex);
    }

    @Override
    public boolean wantsExpert(Expert expert) {
        return !cut && sink.wantsExpert(expert);
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        lastDropped = false;
        lastIsProtocol = true;
        sink.protocol(field, offset, Math.max(0, Math.min(length, limit - offset)));
    }

    @Override
    public void none(Field field, int offset, int length) {
        if (!drop(offset, length)) {
            sink.none(field, offset, length);
        }
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        if (!drop(offset, length)) {
            sink.uint(field, value, offset, length);
        }
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        if (!drop(offset, length)) {
            sink.sint(field, value, offset, length);
        }
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        if (!drop(offset, length)) {
            sink.bool(field, value, offset, length);
        }
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        if (!drop(from, to - from)) {
            sink.bytes(field, src, from, to);
        }
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        if (!drop(offset, 4)) {
            sink.ipv4(field, address, offset);
        }
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        if (!drop(offset, 16)) {
            sink.ipv6(field, frame, offset);
        }
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        if (!drop(offset, 6)) {
            sink.ether(field, frame, offset);
        }
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        if (!drop(offset, length)) {
            sink.string(field, value, offset, length);
        }
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        if (!drop(offset, length)) {
            sink.time(field, nanos, offset, length);
        }
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        if (!drop(offset, length)) {
            sink.dbl(field, value, offset, length);
        }
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        if (!drop(offset, length)) {
            sink.text(label, generated, offset, length);
        }
    }

    @Override
    public void label(String label) {
        if (!lastDropped && (protocolLabels || !lastIsProtocol)) {
            sink.label(label);
        }
    }

    @Override
    public void appendText(String text) {
        if (!lastDropped && (protocolLabels || !lastIsProtocol)) {
            sink.appendText(text);
        }
    }

    @Override
    public void generated() {
        if (!lastDropped) {
            sink.generated();
        }
    }

    @Override
    public void hide() {
        if (!lastDropped) {
            sink.hide();
        }
    }

    @Override
    public void open() {
        sink.open();
    }

    @Override
    public void close() {
        sink.close();
    }
}
