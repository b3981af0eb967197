package org.mptcpinspect.lab.verify;

import java.util.function.UnaryOperator;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.dissector.decode.TcpHeader;

/**
 * A frame alteration for proving that verification notices altered data: inverts the first
 * payload byte of the n-th TCP segment that carries payload (and leaves every other frame alone).
 * Not thread-safe; one instance per analysis.
 */
public final class PayloadCorruption implements UnaryOperator<RawFrame> {
    private final long target;
    private long segments;
    private long corruptedFrame;

    /** Alters the {@code nth} (from 1) segment with payload. */
    public PayloadCorruption(long nth) {
        this.target = nth;
    }

    @Override
    public RawFrame apply(RawFrame frame) {
        DecodedPacket packet = PacketDecoder.decode(frame);
        TcpHeader tcp = packet.tcp();
        if (tcp == null || tcp.payloadCapturedLength() == 0 || ++segments != target) {
            return frame;
        }
        byte[] data = frame.data().clone();
        data[tcp.payloadOffset()] ^= (byte) 0xff;
        corruptedFrame = frame.number();
        return new RawFrame(frame.number(), frame.timestampNanos(), frame.interfaceId(), frame.linkType(),
                frame.originalLength(), data);
    }

    /** The frame number altered, 0 while none was. */
    public long corruptedFrame() {
        return corruptedFrame;
    }
}
