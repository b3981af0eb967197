package org.mptcpinspect.dissector.fields;

/** A sink that shows the whole tree as text (-V, JSON, PDML): it wants every item and every label. */
public interface WholeTreeSink extends FieldSink {

    @Override
    default boolean wants(Field field) {
        return true;
    }

    @Override
    default boolean wantsText() {
        return true;
    }
}
