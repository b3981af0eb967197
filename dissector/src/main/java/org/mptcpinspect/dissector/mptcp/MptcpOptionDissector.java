package org.mptcpinspect.dissector.mptcp;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.mptcpinspect.dissector.mptcp.kaitai.MptcpOptionWire;

/**
 * Decodes one MPTCP option from a frame's bytes: the Kaitai-generated {@link MptcpOptionWire}
 * parses the option, and this class maps the result into the {@link MptcpOption} records.
 * Context-free, like Wireshark's option dissector: nothing about the connection is known here.
 */
public final class MptcpOptionDissector {
    private MptcpOptionDissector() {
    }

    /**
     * Never throws for any bytes: options that cannot be decoded come back as
     * {@link MalformedMptcpOption}, undefined subtypes as {@link UnknownMptcpOption}.
     *
     * @param frame        the whole frame
     * @param optionOffset offset of the option's kind byte (30)
     * @param optionLength the option's length byte, already checked to fit in the TCP header
     */
    public static MptcpOption dissect(byte[] frame, int optionOffset, int optionLength) {
        if (optionOffset < 0 || optionLength < 0 || optionLength > frame.length - optionOffset) {
            return new MalformedMptcpOption(optionOffset, optionLength, -1,
                    "option of length " + optionLength + " at offset " + optionOffset
                            + " runs past the end of the " + frame.length + "-octet frame");
        }
        if (optionLength < 3) {
            return new MalformedMptcpOption(optionOffset, optionLength, -1,
                    "option length " + optionLength + " leaves no room for the subtype");
        }
        int subtype = (frame[optionOffset + 2] & 0xff) >>> 4;
        int lengthOctet = frame[optionOffset + 1] & 0xff;
        if (lengthOctet != optionLength) {
            return new MalformedMptcpOption(optionOffset, optionLength, subtype,
                    "length octet " + lengthOctet + " disagrees with the option length " + optionLength);
        }
        // The stream ends where the option ends, so a field that does not fit fails the parse.
        ByteBufferKaitaiStream io = new ByteBufferKaitaiStream(ByteBuffer.wrap(frame, optionOffset, optionLength));
        MptcpOptionWire wire;
        try {
            wire = new MptcpOptionWire(io);
        } catch (BufferUnderflowException e) {
            return truncated(optionOffset, optionLength, subtype, io.pos() - optionOffset);
        }
        return toRecord(wire, optionOffset, optionLength, subtype);
    }

    private static MptcpOption toRecord(MptcpOptionWire wire, int offset, int length, int subtype) {
        int lowNibble = wire.subtypeByte() & 0x0f;
        return switch (wire.body()) {
            case MptcpOptionWire.MpCapable c -> new MpCapable(offset, length, lowNibble, c.flags(),
                    orZero(c.senderKey()), orZero(c.receiverKey()), orZero(c.dataLevelLength()), orZero(c.checksum()));
            case MptcpOptionWire.MpJoin j -> MpJoin.stageOf(length) == null
                    ? new MalformedMptcpOption(offset, length, subtype,
                            "MP_JOIN length " + length + " is none of 12 (SYN), 16 (SYN/ACK), 24 (ACK)")
                    : new MpJoin(offset, length, lowNibble, orZero(j.addressId()), orZero(j.receiverToken()),
                            orZero(j.senderRandom()), orZero(j.senderTruncatedHmac()),
                            j.reserved() == null ? 0 : lowNibble << 8 | j.reserved(), Octets.adopt(j.senderHmac()));
            case MptcpOptionWire.Dss d -> new Dss(offset, length, d.flags(), orZero(d.dataAck()),
                    orZero(d.dataSequenceNumber()), orZero(d.subflowSequenceNumber()), orZero(d.dataLevelLength()),
                    orZero(d.checksum()));
            case MptcpOptionWire.AddAddr a -> new AddAddr(offset, length, lowNibble, a.addressId(),
                    Octets.adopt(a.address()), orZero(a.port()),
                    orZero(a.truncatedHmac()));
            case MptcpOptionWire.RemoveAddr r -> new RemoveAddr(offset, length, Octets.adopt(r.addressIds()));
            case MptcpOptionWire.MpPrio p -> new MpPrio(offset, length, lowNibble, orZero(p.addressId()));
            case MptcpOptionWire.MpFail f -> new MpFail(offset, length, lowNibble << 8 | f.reserved(),
                    f.dataSequenceNumber());
            case MptcpOptionWire.MpFastclose f -> new MpFastclose(offset, length, lowNibble << 8 | f.reserved(),
                    f.receiverKey());
            case MptcpOptionWire.MpTcprst r -> new MpTcpRst(offset, length, lowNibble, r.reason());
            case null -> new UnknownMptcpOption(offset, length, subtype);
            default -> throw new IllegalStateException("mptcp_option.ksy has a body type this class does not map: "
                    + wire.body().getClass().getSimpleName());
        };
    }

    private static MalformedMptcpOption truncated(int offset, int length, int subtype, int failedAt) {
        return new MalformedMptcpOption(offset, length, subtype, MptcpSubtype.name(subtype) + " option of length "
                + length + " is truncated: the field at octet " + failedAt + " runs past its end");
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
