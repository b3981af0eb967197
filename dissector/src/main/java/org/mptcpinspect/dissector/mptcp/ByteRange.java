package org.mptcpinspect.dissector.mptcp;

/**
 * Where a field lies in the frame.
 *
 * @param offset absolute offset of the field's first octet in the frame
 * @param length number of octets
 */
public record ByteRange(int offset, int length) {
    /** Offset just past the field. */
    public int end() {
        return offset + length;
    }
}
