package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.decode.FlowKey;

/** The tracker's mutable state of one MPTCP connection. Index 0 of the arrays is client to server. */
final class ConnectionState {
    final int index;
    final FlowKey initialFlow;
    int version;
    long clientKey;
    long serverKey;
    boolean clientKeyKnown;
    boolean serverKeyKnown;
    long clientToken;
    long serverToken;
    long clientIdsn;
    long serverIdsn;
    boolean checksums;
    boolean synAckSeen;
    boolean established;
    boolean fallback;
    String fallbackReason;
    boolean fastclose;
    /** The SYN was not captured: keys, tokens, IDSNs and version unknown unless a SYN/ACK or third ACK showed them. */
    boolean partial;
    /** Which side is the client was guessed (by port), not seen in a handshake. */
    boolean clientGuessed;
    /**
     * ADD_ADDR, REMOVE_ADDR and MP_PRIO options seen: Wireshark 4.0's TCP analysis calls no
     * repeated ACK a duplicate when this changed since the sender's previous segment (RFC 8684
     * section 4 lets these options ride on otherwise identical ACKs).
     */
    long addressSignals;
    final List<SubflowState> subflows = new ArrayList<>();
    final DataStreamAssembler[] streams = new DataStreamAssembler[2];
    /** Highest DSN seen per direction, to widen 4-octet DSNs and DATA_ACKs. */
    final long[] highestDsn = new long[2];
    final boolean[] anyMapping = new boolean[2];
    /** Whether {@link #highestDsn} holds a value of the direction (its IDSN + 1 or, when partial, a DSN seen). */
    final boolean[] dsnSeen = new boolean[2];
    /** A partial direction's DATA_FIN seen before its stream started (its data waiting for an ISN). */
    final long[] dataFin = new long[2];
    final boolean[] dataFinKnown = new boolean[2];
    final List<ConnectionEvent> events = new ArrayList<>();
    /**
     * Per direction, the lowest and highest 64-bit data sequence number seen (IDSN + 1, DSNs of
     * 8-octet mappings, 8-octet DATA_ACKs), wrapping; {@code ranged} false until one is. What a
     * subflow first seen after its SYNs is linked by ({@link MptcpTracker}).
     */
    final long[] lowest = new long[2];
    final long[] highest = new long[2];
    final boolean[] ranged = new boolean[2];

    ConnectionState(int index, FlowKey initialFlow, int version) {
        this.index = index;
        this.initialFlow = initialFlow;
        this.version = version;
    }

    /** Notes a 64-bit data sequence number of a direction (unsigned, compared by wrapping difference). */
    void seen64(int direction, long dsn) {
        if (!ranged[direction]) {
            lowest[direction] = dsn;
            highest[direction] = dsn;
            ranged[direction] = true;
        } else if (dsn - highest[direction] > 0) {
            highest[direction] = dsn;
        } else if (dsn - lowest[direction] < 0) {
            lowest[direction] = dsn;
        }
    }

    /**
     * Whether a 64-bit data sequence number lies within {@code window} of the direction's values
     * seen: 1 yes, -1 no, 0 unknown (no value of the direction seen yet).
     */
    int holds(int direction, long dsn, long window) {
        if (!ranged[direction]) {
            return 0;
        }
        long from = lowest[direction] - window;
        return Long.compareUnsigned(dsn - from, highest[direction] - from + window) <= 0 ? 1 : -1;
    }

    /**
     * Per side (index 0 the client's), a token learned without its key: the one an MP_JOIN SYN
     * named, sent to that side on a subflow linked to this connection (RFC 8684 section 3.2).
     */
    final long[] learnedToken = new long[2];
    final boolean[] tokenLearned = new boolean[2];

    /** Whether a side's token is known, from its key or learned from an MP_JOIN SYN. */
    boolean tokenKnown(boolean client) {
        return keyKnown(client) || tokenLearned[client ? 0 : 1];
    }

    /** A side's token ({@link #tokenKnown}), or null. */
    Long token(boolean client) {
        if (keyKnown(client)) {
            return client ? clientToken : serverToken;
        }
        return tokenLearned[client ? 0 : 1] ? learnedToken[client ? 0 : 1] : null;
    }

    boolean keyKnown(boolean client) {
        return client ? clientKeyKnown : serverKeyKnown;
    }

    long key(boolean client) {
        return client ? clientKey : serverKey;
    }

    /** The IDSN of a direction's sender, 0 when unknown (or after a fallback from the start). */
    long idsn(int direction) {
        if (direction == 0) {
            return clientKeyKnown ? clientIdsn : 0;
        }
        return serverKeyKnown ? serverIdsn : 0;
    }

    boolean idsnKnown(int direction) {
        return direction == 0 ? clientKeyKnown : serverKeyKnown;
    }
}
