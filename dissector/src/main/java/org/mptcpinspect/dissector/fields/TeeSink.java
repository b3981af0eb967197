package org.mptcpinspect.dissector.fields;

/**
 * Feeds one walk over a packet to two sinks, e.g. the display filter and the -T fields
 * collector, so a filtered run dissects each packet once.
 */
public final class TeeSink implements FieldSink {
    private final FieldSink first;
    private final FieldSink second;

    public TeeSink(FieldSink first, FieldSink second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean wants(Field field) {
        return first.wants(field) || second.wants(field);
    }

    @Override
    public boolean wantsText() {
        return first.wantsText() || second.wantsText();
    }

    @Override
    public boolean wantsGroup(int groupIndex) {
        return first.wantsGroup(groupIndex) || second.wantsGroup(groupIndex);
    }

    @Override
    public boolean wantsExpert(Expert expert) {
        return first.wantsExpert(expert) || second.wantsExpert(expert);
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        first.protocol(field, offset, length);
        second.protocol(field, offset, length);
    }

    @Override
    public void none(Field field, int offset, int length) {
        first.none(field, offset, length);
        second.none(field, offset, length);
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        first.uint(field, value, offset, length);
        second.uint(field, value, offset, length);
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        first.sint(field, value, offset, length);
        second.sint(field, value, offset, length);
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        first.bool(field, value, offset, length);
        second.bool(field, value, offset, length);
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        first.bytes(field, src, from, to);
        second.bytes(field, src, from, to);
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        first.ipv4(field, address, offset);
        second.ipv4(field, address, offset);
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        first.ipv6(field, frame, offset);
        second.ipv6(field, frame, offset);
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        first.ether(field, frame, offset);
        second.ether(field, frame, offset);
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        first.string(field, value, offset, length);
        second.string(field, value, offset, length);
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        first.time(field, nanos, offset, length);
        second.time(field, nanos, offset, length);
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        first.dbl(field, value, offset, length);
        second.dbl(field, value, offset, length);
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        first.text(label, generated, offset, length);
        second.text(label, generated, offset, length);
    }

    @Override
    public void label(String label) {
        first.label(label);
        second.label(label);
    }

    @Override
    public void appendText(String text) {
        first.appendText(text);
        second.appendText(text);
    }

    @Override
    public void generated() {
        first.generated();
        second.generated();
    }

    @Override
    public void hide() {
        first.hide();
        second.hide();
    }

    @Override
    public void open() {
        first.open();
        second.open();
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
