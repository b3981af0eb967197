package org.mptcpinspect.dissector.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.AT;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.option;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.sequence;

import java.net.InetAddress;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every subtype and every flag/length combination, from hand-built bytes; each test compares
 * the whole record (so every decoded field) and the accessors derived from it.
 */
class MptcpOptionDissectorTest {

    private static final long KEY_A = 0x8a1b2c3d4e5f6071L; // top bit set: keys are unsigned
    private static final long KEY_B = 0x0102030405060708L;

    @Nested
    class MpCapableOption {
        @Test
        void v1SynHasVersionAndFlagsOnly() {
            MptcpOption o = option(4, 0, 1).u8(0xa1).dissect();
            assertEquals(new MpCapable(AT, 4, 1, 0xa1, 0, 0, 0, 0), o);
            MpCapable c = (MpCapable) o;
            assertEquals(0, c.subtype());
            assertTrue(c.checksumRequired());
            assertFalse(c.extensibility());
            assertTrue(c.noMoreSubflows());
            assertTrue(c.hmacSha());
            assertFalse(c.hasSenderKey());
            assertFalse(c.hasReceiverKey());
            assertFalse(c.hasDataLevelLength());
            assertFalse(c.hasChecksum());
            assertEquals(0, c.reservedFlags());
            assertTrue(c.lengthAsSpecified());
        }

        @Test
        void v0SynCarriesTheSendersKey() {
            MpCapable c = (MpCapable) option(12, 0, 0).u8(0x81).u64(KEY_A).dissect();
            assertEquals(new MpCapable(AT, 12, 0, 0x81, KEY_A, 0, 0, 0), c);
            assertTrue(c.hasSenderKey());
            assertFalse(c.hasReceiverKey());
            assertEquals("9951596443424743537", Long.toUnsignedString(c.senderKey()));
            assertTrue(c.lengthAsSpecified());
        }

        @Test
        void v1SynAckCarriesTheSendersKey() {
            assertEquals(new MpCapable(AT, 12, 1, 0x01, KEY_B, 0, 0, 0),
                    option(12, 0, 1).u8(0x01).u64(KEY_B).dissect());
        }

        @Test
        void thirdAckEchoesBothKeys() {
            MpCapable c = (MpCapable) option(20, 0, 1).u8(0x81).u64(KEY_A).u64(KEY_B).dissect();
            assertEquals(new MpCapable(AT, 20, 1, 0x81, KEY_A, KEY_B, 0, 0), c);
            assertTrue(c.hasReceiverKey());
            assertFalse(c.hasDataLevelLength());
        }

        @Test
        void v1ThirdAckWithDataCarriesTheDataLevelLength() {
            MpCapable c = (MpCapable) option(22, 0, 1).u8(0x01).u64(KEY_A).u64(KEY_B).u16(1400).dissect();
            assertEquals(new MpCapable(AT, 22, 1, 0x01, KEY_A, KEY_B, 1400, 0), c);
            assertTrue(c.hasDataLevelLength());
            assertFalse(c.hasChecksum());
            assertTrue(c.lengthAsSpecified());
        }

        @Test
        void v1ThirdAckWithDataAndChecksum() {
            MpCapable c = (MpCapable) option(24, 0, 1).u8(0x81).u64(KEY_A).u64(KEY_B).u16(100).u16(0xbeef)
                    .dissect();
            assertEquals(new MpCapable(AT, 24, 1, 0x81, KEY_A, KEY_B, 100, 0xbeef), c);
            assertTrue(c.hasChecksum());
        }

        @Test
        void reservedFlagBitsDependOnTheVersion() {
            MpCapable v0 = (MpCapable) option(12, 0, 0).u8(0xff).u64(1).dissect();
            MpCapable v1 = (MpCapable) option(12, 0, 1).u8(0xff).u64(1).dissect();
            assertEquals(0x3e, v0.reservedFlags());
            assertEquals(0x1e, v1.reservedFlags());
            assertTrue(v0.extensibility());
        }

        @Test
        void lengthsWithoutAMeaningCarryOnlyVersionAndFlags() {
            // Wireshark shows nothing past the flags for these; neither do we.
            MpCapable c = (MpCapable) option(16, 0, 1).u8(0x81).u64(KEY_A).u32(7).dissect();
            assertEquals(new MpCapable(AT, 16, 1, 0x81, 0, 0, 0, 0), c);
            assertFalse(c.lengthAsSpecified());
            // v0 never sends a 4-octet SYN nor data on the third ACK.
            assertFalse(((MpCapable) option(4, 0, 0).u8(0x81).dissect()).lengthAsSpecified());
            assertFalse(((MpCapable) option(22, 0, 0).u8(0x81).u64(1).u64(2).u16(3).dissect()).lengthAsSpecified());
        }

        @Test
        void tooShortForTheFlagsIsMalformed() {
            MalformedMptcpOption m = assertInstanceOf(MalformedMptcpOption.class, option(3, 0, 1).dissect());
            assertEquals(AT, m.offset());
            assertEquals(3, m.length());
            assertEquals(0, m.subtype());
            assertEquals("MP_CAPABLE option of length 3 is truncated: the field at octet 3 runs past its end",
                    m.reason());
        }
    }

    @Nested
    class MpJoinOption {
        @Test
        void synCarriesTokenAndRandom() {
            MpJoin j = (MpJoin) option(12, 1, 0x1).u8(5).u32(0xdeadbeefL).u32(0x01020304L).dissect();
            assertEquals(new MpJoin(AT, 12, 0x1, 5, 0xdeadbeefL, 0x01020304L, 0, 0, Octets.EMPTY), j);
            assertEquals(MpJoin.Stage.SYN, j.stage());
            assertTrue(j.backup());
            assertTrue(j.hasAddressId());
            assertTrue(j.lengthAsSpecified());
        }

        @Test
        void synWithoutBackup() {
            MpJoin j = (MpJoin) option(12, 1, 0x0).u8(0).u32(1).u32(2).dissect();
            assertEquals(new MpJoin(AT, 12, 0, 0, 1, 2, 0, 0, Octets.EMPTY), j);
            assertFalse(j.backup());
        }

        @Test
        void synAckCarriesTheTruncatedHmac() {
            MpJoin j = (MpJoin) option(16, 1, 0x1).u8(3).u64(KEY_A).u32(0xfedcba98L).dissect();
            assertEquals(new MpJoin(AT, 16, 0x1, 3, 0, 0xfedcba98L, KEY_A, 0, Octets.EMPTY), j);
            assertEquals(MpJoin.Stage.SYN_ACK, j.stage());
        }

        @Test
        void ackCarriesTheFullHmac() {
            byte[] hmac = sequence(0x40, 20);
            MpJoin j = (MpJoin) option(24, 1, 0xf).u8(0x05).bytes(hmac).dissect();
            assertEquals(new MpJoin(AT, 24, 0xf, 0, 0, 0, 0, 0xf05, Octets.of(hmac)), j);
            assertEquals(MpJoin.Stage.ACK, j.stage());
            assertFalse(j.hasAddressId());
            assertEquals("404142434445464748494a4b4c4d4e4f50515253", j.senderHmac().toHex());
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 4, 13, 20, 28})
        void otherLengthsAreMalformed(int length) {
            OptionBytes b = option(length, 1, 0);
            for (int i = 3; i < length; i++) {
                b.u8(i);
            }
            MalformedMptcpOption m = assertInstanceOf(MalformedMptcpOption.class, b.dissect());
            assertEquals(1, m.subtype());
            assertEquals("MP_JOIN length " + length + " is none of 12 (SYN), 16 (SYN/ACK), 24 (ACK)", m.reason());
        }
    }

    @Nested
    class DssOption {
        @Test
        void dataAckOnly32() {
            Dss d = (Dss) option(8, 2, 0).u8(0x01).u32(0xf0000001L).dissect();
            assertEquals(new Dss(AT, 8, 0x01, 0xf0000001L, 0, 0, 0, 0), d);
            assertEquals(4, d.dataAckSize());
            assertFalse(d.hasMapping());
            assertFalse(d.hasChecksum());
            assertTrue(d.lengthAsSpecified());
        }

        @Test
        void dataAckOnly64AsLinuxSendsIt() {
            Dss d = (Dss) option(12, 2, 0).u8(0x03).u64(KEY_A).dissect();
            assertEquals(new Dss(AT, 12, 0x03, KEY_A, 0, 0, 0, 0), d);
            assertEquals(8, d.dataAckSize());
        }

        @Test
        void mapping32WithoutChecksum() {
            Dss d = (Dss) option(14, 2, 0).u8(0x04).u32(0x80000000L).u32(1).u16(1448).dissect();
            assertEquals(new Dss(AT, 14, 0x04, 0, 0x80000000L, 1, 1448, 0), d);
            assertEquals(4, d.dataSequenceNumberSize());
            assertFalse(d.hasChecksum());
            assertFalse(d.infiniteMapping());
        }

        @Test
        void mapping64WithChecksumAndDataAck64AndDataFin() {
            Dss d = (Dss) option(28, 2, 0).u8(0x1f).u64(KEY_B).u64(KEY_A).u32(0xffffffffL).u16(0).u16(0xabcd)
                    .dissect();
            assertEquals(new Dss(AT, 28, 0x1f, KEY_B, KEY_A, 0xffffffffL, 0, 0xabcd), d);
            assertTrue(d.dataFin());
            assertTrue(d.hasChecksum());
            assertTrue(d.infiniteMapping());
            assertEquals(26, d.lengthWithoutChecksum());
            assertTrue(d.lengthAsSpecified());
        }

        @Test
        void reservedFlagBitsAreKeptInTheRawFlags() {
            Dss d = (Dss) option(4, 2, 0xf).u8(0xe0).dissect();
            assertEquals(new Dss(AT, 4, 0xe0, 0, 0, 0, 0, 0), d);
            assertFalse(d.hasDataAck());
            assertFalse(d.dataFin());
        }

        /** All 32 combinations of F m M a A, each with and (when there is a mapping) without checksum. */
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
            24, 25, 26, 27, 28, 29, 30, 31})
        void everyFlagCombination(int flags) {
            boolean ack = (flags & 1) != 0;
            boolean ack8 = (flags & 2) != 0;
            boolean map = (flags & 4) != 0;
            boolean dsn8 = (flags & 8) != 0;
            int ackSize = ack ? (ack8 ? 8 : 4) : 0;
            int dsnSize = map ? (dsn8 ? 8 : 4) : 0;
            for (boolean checksum : map ? new boolean[] {false, true} : new boolean[] {false}) {
                int length = 4 + ackSize + (map ? dsnSize + 6 : 0) + (checksum ? 2 : 0);
                OptionBytes b = option(length, 2, 0).u8(flags);
                long ackValue = ack8 ? 0xa0a1a2a3a4a5a6a7L : 0xb0b1b2b3L;
                long dsnValue = dsn8 ? 0xc0c1c2c3c4c5c6c7L : 0xd0d1d2d3L;
                if (ack) {
                    b = ack8 ? b.u64(ackValue) : b.u32(ackValue);
                }
                if (map) {
                    b = (dsn8 ? b.u64(dsnValue) : b.u32(dsnValue)).u32(0xe0e1e2e3L).u16(0x0102);
                }
                if (checksum) {
                    b.u16(0xf00d);
                }
                Dss d = (Dss) b.dissect();
                assertEquals(new Dss(AT, length, flags, ack ? ackValue : 0, map ? dsnValue : 0, map ? 0xe0e1e2e3L : 0,
                        map ? 0x0102 : 0, checksum ? 0xf00d : 0), d, "flags " + flags + " checksum " + checksum);
                assertEquals(ackSize, d.dataAckSize());
                assertEquals(dsnSize, d.dataSequenceNumberSize());
                assertEquals(map, d.hasMapping());
                assertEquals(ack, d.hasDataAck());
                assertEquals((flags & 0x10) != 0, d.dataFin());
                assertEquals(checksum, d.hasChecksum());
                assertTrue(d.lengthAsSpecified());
            }
        }

        @Test
        void flagsAnnouncingMoreThanTheLengthHoldsIsMalformed() {
            // A and M set, 32-bit data ACK present, the mapping is not.
            MalformedMptcpOption m = assertInstanceOf(MalformedMptcpOption.class,
                    option(8, 2, 0).u8(0x05).u32(1).dissect());
            assertEquals(2, m.subtype());
            assertEquals("DSS option of length 8 is truncated: the field at octet 8 runs past its end", m.reason());
        }

        @Test
        void dssWithoutFlagsOctetIsMalformed() {
            assertInstanceOf(MalformedMptcpOption.class, option(3, 2, 0).dissect());
        }

        @Test
        void trailingOctetsAreNotAChecksumWithoutMapping() {
            Dss d = (Dss) option(10, 2, 0).u8(0x01).u32(9).u16(0x7777).dissect();
            assertEquals(new Dss(AT, 10, 0x01, 9, 0, 0, 0, 0), d);
            assertFalse(d.hasChecksum());
            assertFalse(d.lengthAsSpecified());
        }
    }

    @Nested
    class AddAddrOption {
        private final byte[] v4 = {(byte) 192, 0, 2, 9};
        private final byte[] v6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42};

        @Test
        void v1Ipv4WithHmac() throws Exception {
            AddAddr a = (AddAddr) option(16, 3, 0).u8(7).bytes(v4).u64(KEY_A).dissect();
            assertEquals(new AddAddr(AT, 16, 0, 7, Octets.of(v4), 0, KEY_A), a);
            assertEquals(4, a.ipVersion());
            assertEquals(InetAddress.getByName("192.0.2.9"), a.inetAddress());
            assertFalse(a.hasPort());
            assertTrue(a.hasTruncatedHmac());
            assertFalse(a.echo());
            assertFalse(a.lowNibbleIsIpVersion());
            assertTrue(a.lengthAsSpecified());
        }

        @Test
        void v1Ipv4WithPortAndHmac() {
            assertEquals(new AddAddr(AT, 18, 0, 7, Octets.of(v4), 8080, KEY_A),
                    option(18, 3, 0).u8(7).bytes(v4).u16(8080).u64(KEY_A).dissect());
        }

        @Test
        void v1EchoIpv4() {
            AddAddr a = (AddAddr) option(8, 3, 1).u8(7).bytes(v4).dissect();
            assertEquals(new AddAddr(AT, 8, 1, 7, Octets.of(v4), 0, 0), a);
            assertTrue(a.echo());
            assertFalse(a.hasTruncatedHmac());
        }

        @Test
        void v1EchoIpv4WithPort() {
            assertEquals(new AddAddr(AT, 10, 1, 2, Octets.of(v4), 443, 0),
                    option(10, 3, 1).u8(2).bytes(v4).u16(443).dissect());
        }

        @Test
        void v1Ipv6WithHmac() throws Exception {
            AddAddr a = (AddAddr) option(28, 3, 0).u8(9).bytes(v6).u64(KEY_B).dissect();
            assertEquals(new AddAddr(AT, 28, 0, 9, Octets.of(v6), 0, KEY_B), a);
            assertEquals(6, a.ipVersion());
            assertEquals(InetAddress.getByName("2001:db8::42"), a.inetAddress());
        }

        @Test
        void v1Ipv6WithPortAndHmac() {
            assertEquals(new AddAddr(AT, 30, 0, 9, Octets.of(v6), 65535, KEY_B),
                    option(30, 3, 0).u8(9).bytes(v6).u16(65535).u64(KEY_B).dissect());
        }

        @Test
        void v1EchoIpv6() {
            assertEquals(new AddAddr(AT, 20, 1, 9, Octets.of(v6), 0, 0), option(20, 3, 1).u8(9).bytes(v6).dissect());
            assertEquals(new AddAddr(AT, 22, 1, 9, Octets.of(v6), 80, 0),
                    option(22, 3, 1).u8(9).bytes(v6).u16(80).dissect());
        }

        @Test
        void v0Ipv4WithIpVerNibble() {
            AddAddr a = (AddAddr) option(8, 3, 4).u8(1).bytes(v4).dissect();
            assertEquals(new AddAddr(AT, 8, 4, 1, Octets.of(v4), 0, 0), a);
            assertTrue(a.lowNibbleIsIpVersion());
            assertFalse(a.echo());
            assertEquals(new AddAddr(AT, 10, 4, 1, Octets.of(v4), 8080, 0),
                    option(10, 3, 4).u8(1).bytes(v4).u16(8080).dissect());
        }

        @Test
        void v0Ipv6WithIpVerNibble() {
            AddAddr a = (AddAddr) option(22, 3, 6).u8(1).bytes(v6).u16(8080).dissect();
            assertEquals(new AddAddr(AT, 22, 6, 1, Octets.of(v6), 8080, 0), a);
            assertTrue(a.lowNibbleIsIpVersion());
            assertEquals(6, a.ipVersion());
        }

        @Test
        void theLengthNotTheIpVerNibbleDecidesTheLayout() {
            // IPVer says 6 but 8 octets only fit IPv4: Wireshark reads IPv4, so do we.
            AddAddr a = (AddAddr) option(8, 3, 6).u8(1).bytes(v4).dissect();
            assertEquals(new AddAddr(AT, 8, 6, 1, Octets.of(v4), 0, 0), a);
            assertEquals(4, a.ipVersion());
        }

        @Test
        void lengthWithoutALayoutCarriesOnlyTheAddressId() {
            AddAddr a = (AddAddr) option(12, 3, 0).u8(3).bytes(v4).u16(1).u16(2).dissect();
            assertEquals(new AddAddr(AT, 12, 0, 3, Octets.EMPTY, 0, 0), a);
            assertEquals(0, a.ipVersion());
            assertNull(a.inetAddress());
            assertFalse(a.lengthAsSpecified());
        }

        @Test
        void tooShortForTheAddressIdIsMalformed() {
            assertEquals("ADD_ADDR option of length 3 is truncated: the field at octet 3 runs past its end",
                    ((MalformedMptcpOption) option(3, 3, 0).dissect()).reason());
        }
    }

    @Nested
    class OtherSubtypes {
        @Test
        void removeAddrListsEveryId() {
            RemoveAddr r = (RemoveAddr) option(6, 4, 0).u8(1).u8(200).u8(3).dissect();
            assertEquals(new RemoveAddr(AT, 6, Octets.of((byte) 1, (byte) 200, (byte) 3)), r);
            assertEquals(3, r.count());
            assertEquals(200, r.addressId(1));
            assertTrue(r.lengthAsSpecified());
        }

        @Test
        void removeAddrWithoutIds() {
            RemoveAddr r = (RemoveAddr) option(3, 4, 0).dissect();
            assertEquals(new RemoveAddr(AT, 3, Octets.EMPTY), r);
            assertEquals(0, r.count());
            assertFalse(r.lengthAsSpecified());
        }

        @Test
        void mpPrioV1HasNoAddressId() {
            MpPrio p = (MpPrio) option(3, 5, 1).dissect();
            assertEquals(new MpPrio(AT, 3, 1, 0), p);
            assertTrue(p.backup());
            assertFalse(p.hasAddressId());
            assertTrue(p.lengthAsSpecified());
        }

        @Test
        void mpPrioV0HasTheAddressId() {
            MpPrio p = (MpPrio) option(4, 5, 0).u8(7).dissect();
            assertEquals(new MpPrio(AT, 4, 0, 7), p);
            assertFalse(p.backup());
            assertTrue(p.hasAddressId());
        }

        @Test
        void mpPrioLongerCarriesOnlyTheFlags() {
            MpPrio p = (MpPrio) option(5, 5, 1).u8(7).u8(8).dissect();
            assertEquals(new MpPrio(AT, 5, 1, 0), p);
            assertFalse(p.lengthAsSpecified());
        }

        @Test
        void mpFailCarriesTheFullDsn() {
            MpFail f = (MpFail) option(12, 6, 0).u8(0).u64(KEY_A).dissect();
            assertEquals(new MpFail(AT, 12, 0, KEY_A), f);
            assertEquals(6, f.subtype());
            assertTrue(f.lengthAsSpecified());
            assertEquals(new MpFail(AT, 12, 0xabc, 1), option(12, 6, 0xa).u8(0xbc).u64(1).dissect());
        }

        @Test
        void mpFailTooShortIsMalformed() {
            MalformedMptcpOption m = (MalformedMptcpOption) option(11, 6, 0).u8(0).u32(1).u16(2).u8(3).dissect();
            assertEquals(6, m.subtype());
            assertEquals("MP_FAIL option of length 11 is truncated: the field at octet 4 runs past its end", m.reason());
        }

        @Test
        void mpFastcloseCarriesTheReceiversKey() {
            MpFastclose f = (MpFastclose) option(12, 7, 0).u8(0).u64(KEY_B).dissect();
            assertEquals(new MpFastclose(AT, 12, 0, KEY_B), f);
            assertEquals(7, f.subtype());
            assertTrue(f.lengthAsSpecified());
        }

        @Test
        void mpFastcloseTooShortIsMalformed() {
            assertInstanceOf(MalformedMptcpOption.class, option(4, 7, 0).u8(0).dissect());
        }

        @Test
        void mpTcpRstFlagsAndReason() {
            MpTcpRst r = (MpTcpRst) option(4, 8, 0x9).u8(0x06).dissect();
            assertEquals(new MpTcpRst(AT, 4, 0x9, 6), r);
            assertTrue(r.flagU());
            assertFalse(r.flagV());
            assertFalse(r.flagW());
            assertTrue(r.flagT());
            assertEquals("Middlebox interference", MpTcpRst.reasonName(r.reason()));
            assertEquals("Unknown (0x99)", MpTcpRst.reasonName(0x99));
            MpTcpRst all = (MpTcpRst) option(4, 8, 0x6).u8(0x01).dissect();
            assertTrue(all.flagV() && all.flagW() && !all.flagU() && !all.flagT());
        }

        @Test
        void mpTcpRstWithoutReasonIsMalformed() {
            assertInstanceOf(MalformedMptcpOption.class, option(3, 8, 0x1).dissect());
        }

        @ParameterizedTest
        @ValueSource(ints = {0x9, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf})
        void undefinedSubtypesAreUnknown(int subtype) {
            MptcpOption o = option(6, subtype, 3).u8(1).u8(2).u8(3).dissect();
            assertEquals(new UnknownMptcpOption(AT, 6, subtype), o);
            assertFalse(o.lengthAsSpecified());
        }

        @Test
        void unknownSubtypeOfMinimalLength() {
            assertEquals(new UnknownMptcpOption(AT, 3, 0xe), option(3, 0xe, 0).dissect());
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2})
        void tooShortForASubtype(int length) {
            byte[] frame = OptionBytes.frame(new byte[] {30, (byte) length, 0x20});
            MalformedMptcpOption m = (MalformedMptcpOption) MptcpOptionDissector.dissect(frame, AT, length);
            assertEquals(new MalformedMptcpOption(AT, length, -1,
                    "option length " + length + " leaves no room for the subtype"), m);
        }

        @Test
        void optionRunningPastTheFrame() {
            byte[] frame = {0, 0, 30, 12, 0x00, 0x01};
            MalformedMptcpOption m = (MalformedMptcpOption) MptcpOptionDissector.dissect(frame, 2, 12);
            assertEquals(-1, m.subtype());
            assertEquals("option of length 12 at offset 2 runs past the end of the 6-octet frame", m.reason());
        }

        @Test
        void negativeOffset() {
            assertInstanceOf(MalformedMptcpOption.class, MptcpOptionDissector.dissect(new byte[8], -1, 3));
        }

        @Test
        void lengthOctetDisagreeingWithTheGivenLength() {
            byte[] frame = option(12, 0, 0).u8(0x81).u64(1).frame();
            MalformedMptcpOption m = (MalformedMptcpOption) MptcpOptionDissector.dissect(frame, AT, 4);
            assertEquals("length octet 12 disagrees with the option length 4", m.reason());
            assertEquals(0, m.subtype());
        }

        @Test
        void neverReadsPastTheOption() {
            // A 14-octet DSS whose flags want a checksum octet pair more: the filler after it must not be taken.
            Dss d = (Dss) option(14, 2, 0).u8(0x04).u32(1).u32(2).u16(3).dissect();
            assertFalse(d.hasChecksum());
            assertEquals(0, d.checksum());
        }

        @Test
        void everyPossibleShortOptionDecodesWithoutThrowing() {
            // Every subtype octet with every length up to 40 over a patterned body: no exception escapes.
            for (int subtypeOctet = 0; subtypeOctet < 256; subtypeOctet++) {
                for (int length = 0; length <= 40; length++) {
                    byte[] option = new byte[Math.max(length, 3)];
                    option[0] = 30;
                    option[1] = (byte) length;
                    option[2] = (byte) subtypeOctet;
                    for (int i = 3; i < option.length; i++) {
                        option[i] = (byte) (i * 37 + subtypeOctet);
                    }
                    MptcpOption o = MptcpOptionDissector.dissect(OptionBytes.frame(option), AT, length);
                    assertEquals(AT, o.offset());
                    assertEquals(length, o.length());
                }
            }
        }
    }

    @Test
    void subtypeNames() {
        assertEquals("MP_CAPABLE", MptcpSubtype.name(0));
        assertEquals("MP_TCPRST", MptcpSubtype.name(8));
        assertEquals("MP_EXPERIMENTAL", MptcpSubtype.name(15));
        assertEquals("subtype 0xe", MptcpSubtype.name(14));
        assertEquals("no subtype", MptcpSubtype.name(-1));
    }
}
