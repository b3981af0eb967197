package org.mptcpinspect.dissector.decode;

import static org.mptcpinspect.dissector.decode.TestFrames.*;

import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Manual throughput check, not a unit test (timings on shared machines make flaky tests). Decodes
 * hand-built Ethernet data segments many times and prints ns per packet, with and without a DSS
 * option, as the best of several rounds (other load on the machine only ever adds time). Run from
 * the repository root:
 * <pre>
 * mvn -q -pl dissector -am test-compile
 * mvn -q -pl dissector dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -XX:+UseSerialGC -cp dissector/target/classes:dissector/target/test-classes:$(cat dissector/target/cp.txt) \
 *     org.mptcpinspect.dissector.decode.DecodeThroughput [packets per round] [rounds]
 * </pre>
 */
public final class DecodeThroughput {
    private DecodeThroughput() {
    }

    public static void main(String[] args) {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        // NOP NOP TS + DSS (data ACK, 4-byte mapping, checksum): a typical MPTCP data segment
        RawFrame dss = frame(ethernet(EtherType.IPV4, ipv4(tcp(dssOptions(), new byte[1400]))));
        // NOP NOP TS only: the same segment on plain TCP
        RawFrame plain = frame(ethernet(EtherType.IPV4, ipv4(tcp(hex("0101 080a 00002222 00001111"), new byte[1400]))));
        RawFrame dssV6 = frame(ethernet(EtherType.IPV6, ipv6(IpProtocol.TCP, tcp(dssOptions(), new byte[1400]))));
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        RawFrame[] frames = {dss, plain, dssV6};
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < frames.length; k++) {
                best[k] = Math.min(best[k], run(frames[k], packets));
            }
        }
        System.out.printf("best of %d rounds of %d packets: IPv4 with DSS %.1f ns/packet, IPv4 without MPTCP %.1f"
                + " ns/packet, IPv6 with DSS %.1f ns/packet%n", rounds, packets, best[0], best[1], best[2]);
    }

    private static RawFrame frame(byte[] data) {
        return new RawFrame(1, 0, 0, LinkType.ETHERNET, data.length, data);
    }

    private static double run(RawFrame frame, int packets) {
        long checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            DecodedPacket p = PacketDecoder.decode(frame);
            // use the result so the JIT cannot drop the work
            checksum += p.tcp().payloadLength() + p.tcp().options().size() + p.flags().size();
        }
        long elapsed = System.nanoTime() - start;
        if (checksum == 42) {
            System.out.println("unlikely");
        }
        return (double) elapsed / packets;
    }
}
