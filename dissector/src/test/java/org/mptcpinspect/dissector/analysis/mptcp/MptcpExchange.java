package org.mptcpinspect.dissector.analysis.mptcp;

import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.ACK;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT2;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.SERVER;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.SYN;

import java.nio.ByteBuffer;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.Flow;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * A hand-built MPTCP connection under construction (frames 1-3 are its MP_CAPABLE handshake):
 * the script, both flows of the initial subflow and the keys' tokens and IDSNs. Shared by the
 * tracker's tests and the CLI's tests of the analysis fields.
 */
public final class MptcpExchange {
    public static final long KEY_C = 0x0123456789abcdefL;
    public static final long KEY_S = 0xfedcba9876543210L;
    public static final long R_A = 0x11223344L;
    public static final long R_B = 0x55667788L;

    public final MptcpScript s = new MptcpScript();
    public final Flow c = new Flow(CLIENT, 40000, SERVER, 80, 1000);
    public final Flow srv = new Flow(SERVER, 80, CLIENT, 40000, 9000);
    public final int version;
    public final long clientIdsn;
    public final long serverIdsn;
    public final long serverToken;
    public final long clientToken;

    public MptcpExchange(int version, int flags) throws Exception {
        this(version, flags, KEY_S);
    }

    /** With the third ACK echoing {@code echoedServerKey} as the receiver's key. */
    public MptcpExchange(int version, int flags, long echoedServerKey) throws Exception {
        this.version = version;
        long[] ci = MptcpScript.tokenAndIdsn(version, KEY_C);
        long[] si = MptcpScript.tokenAndIdsn(version, KEY_S);
        clientToken = ci[0];
        clientIdsn = ci[1];
        serverToken = si[0];
        serverIdsn = si[1];
        s.send(c, SYN, MptcpScript.capableSyn(version, flags, KEY_C), new byte[0]);
        srv.ack = c.seq;
        s.send(srv, SYN | ACK, MptcpScript.capableSynAck(version, flags, KEY_S), new byte[0]);
        c.ack = srv.seq;
        s.send(c, ACK, MptcpScript.capableAck(version, flags, KEY_C, echoedServerKey), new byte[0]);
    }

    /** Client data at stream offset {@code offset} on flow {@code f} (relative subflow sequence from its ISN). */
    public RawFrame clientData(Flow f, long isn, long offset, byte[] data) {
        return s.send(f, ACK, MptcpScript.dss(serverIdsn + 1, clientIdsn + 1 + offset, f.seq - isn,
                data.length, false, -1), data);
    }

    /**
     * Client data on the initial subflow at stream offset {@code offset} (the subflow carries the
     * stream from its sequence 1) with a DSS checksum (RFC 8684 section 3.3.1) XORed with
     * {@code corrupt} (0 = right).
     */
    public RawFrame checksummedClientData(long offset, byte[] data, int corrupt) {
        long dsn = clientIdsn + 1 + offset;
        int sum = MptcpScript.dssChecksum(dsn, 1 + offset, data.length, data) ^ corrupt;
        return s.send(c, MptcpScript.ACK, MptcpScript.dss(serverIdsn + 1, dsn, 1 + offset, data.length, false, sum),
                data);
    }

    /** Joins a second subflow from 198.51.100.1 (ISN 77000) with the given HMAC corruption (0 = none). */
    public Flow join(int corruptSynAck, int corruptAck) throws Exception {
        return join(CLIENT2, 40001, 77000, 2, corruptSynAck, corruptAck);
    }

    /** Joins a subflow from {@code address}:{@code port} (ISN {@code isn}, address ID {@code id}); 4 frames. */
    public Flow join(int address, int port, long isn, int id, int corruptSynAck, int corruptAck) throws Exception {
        Flow j = joinHandshake(address, port, isn, id, corruptSynAck, corruptAck);
        s.send(responder(j), ACK, new byte[0], new byte[0]);
        return j;
    }

    /** The server's end of a join subflow after its handshake. */
    public static Flow responder(Flow j) {
        Flow jr = new Flow(SERVER, 80, j.src, j.sport, j.ack);
        jr.ack = j.seq;
        return jr;
    }

    /** The MP_JOIN SYN, SYN/ACK and third ACK of a subflow as {@link #join}, without the server's ACK: 3 frames. */
    public Flow joinHandshake(int address, int port, long isn, int id, int corruptSynAck, int corruptAck)
            throws Exception {
        Flow j = new Flow(address, port, SERVER, 80, isn);
        Flow jr = new Flow(SERVER, 80, address, port, isn + 11000);
        s.send(j, SYN, MptcpScript.joinSyn(serverToken, R_A, id, false), new byte[0]);
        jr.ack = j.seq;
        long truncated = ByteBuffer.wrap(MptcpScript.hmac(version, KEY_S, KEY_C, MptcpScript.randoms(R_B, R_A)))
                .getLong() ^ corruptSynAck;
        s.send(jr, SYN | ACK, MptcpScript.joinSynAck(truncated, R_B, 0), new byte[0]);
        j.ack = jr.seq;
        byte[] full = MptcpScript.hmac(version, KEY_C, KEY_S, MptcpScript.randoms(R_A, R_B));
        full[19] ^= (byte) corruptAck;
        s.send(j, ACK, MptcpScript.joinAck(full), new byte[0]);
        return j;
    }
}
