package org.mptcpinspect.dissector.stats;

import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldSink;

/**
 * A sink for statistics that look at a packet's tree structure (its protocol items, subtrees,
 * expert infos) and not at field values or labels: every value is dropped.
 */
abstract class StructureSink implements FieldSink {

    @Override
    public boolean wantsText() {
        return false;
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        throw new IllegalStateException("text items are only emitted for sinks that want text");
    }

    @Override
    public void label(String label) {
        text(label, false, 0, 0);
    }

    @Override
    public void appendText(String text) {
        text(text, false, 0, 0);
    }

    @Override
    public void protocol(Field field, int offset, int length) {
    }

    @Override
    public void none(Field field, int offset, int length) {
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
    }
}
