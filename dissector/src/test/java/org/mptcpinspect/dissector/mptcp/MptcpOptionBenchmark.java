package org.mptcpinspect.dissector.mptcp;

import static org.mptcpinspect.dissector.mptcp.OptionBytes.option;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.mptcp.kaitai.MptcpOptionWire;

/**
 * How much the read-pos copy of the parser costs compared with the fast one, and what a full
 * dissect costs, over a million options shaped like Linux traffic (mostly DSS). Not a test:
 * run it with {@code mvn -pl dissector test -Dtest=MptcpOptionBenchmark -Dbench=true}.
 */
class MptcpOptionBenchmark {
    private static final int OPTIONS = 1_000_000;
    private static final int ROUNDS = 7;

    @Test
    void compareParsers() {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        byte[][] shapes = {
            option(26, 2, 0).u8(0x0f).u64(1L << 40).u64(7L << 33).u32(1000).u16(1448).toByteArray(),
            option(26, 2, 0).u8(0x0f).u64(1L << 41).u64(9L << 33).u32(2448).u16(1448).toByteArray(),
            option(12, 2, 0).u8(0x03).u64(5L << 35).toByteArray(),
            option(8, 2, 0).u8(0x01).u32(123456).toByteArray(),
            option(28, 2, 0).u8(0x0f).u64(1L << 40).u64(7L << 33).u32(1000).u16(1448).u16(0xbeef).toByteArray(),
            option(20, 0, 1).u8(0x81).u64(1).u64(2).toByteArray(),
            option(12, 1, 0).u8(1).u32(2).u32(3).toByteArray(),
            option(18, 3, 0).u8(1).bytes(new byte[] {(byte) 192, 0, 2, 1}).u16(80).u64(4).toByteArray(),
        };
        int[] mix = {0, 1, 0, 1, 2, 0, 1, 3, 0, 1, 2, 0, 1, 4, 0, 1, 2, 0, 1, 5, 0, 1, 2, 0, 1, 6, 0, 1, 2, 7};
        int[] offsets = new int[OPTIONS];
        int[] lengths = new int[OPTIONS];
        int size = 0;
        for (int i = 0; i < OPTIONS; i++) {
            size += shapes[mix[i % mix.length]].length;
        }
        byte[] frames = new byte[size];
        for (int i = 0, at = 0; i < OPTIONS; i++) {
            byte[] shape = shapes[mix[i % mix.length]];
            System.arraycopy(shape, 0, frames, at, shape.length);
            offsets[i] = at;
            lengths[i] = shape.length;
            at += shape.length;
        }

        report("Kaitai parse, fast", i -> new MptcpOptionWire(new ByteBufferKaitaiStream(
                ByteBuffer.wrap(frames, offsets[i], lengths[i]))).subtypeByte());
        report("Kaitai parse, read-pos", i -> {
            var wire = new org.mptcpinspect.dissector.mptcp.kaitai.positions.MptcpOptionWire(
                    new ByteBufferKaitaiStream(ByteBuffer.wrap(frames, offsets[i], lengths[i])));
            wire._read();
            return wire.subtypeByte();
        });
        report("MptcpOptionDissector.dissect", i -> MptcpOptionDissector.dissect(frames, offsets[i], lengths[i])
                .length());
        report("MptcpOptionLayout.fieldSpans", i -> MptcpOptionLayout.fieldSpans(frames, offsets[i]).size());
    }

    private static void report(String what, IntToLongFunction perOption) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[ROUNDS];
        long sink = 0;
        long allocated = 0;
        for (int round = -3; round < ROUNDS; round++) { // three rounds of warm-up
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < OPTIONS; i++) {
                sink += perOption.applyAsLong(i);
            }
            long took = System.nanoTime() - start;
            if (round >= 0) {
                nanos[round] = took;
                allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-32s median %6.1f ns/option (best %6.1f), %5.2f M options/s, %4d bytes allocated/option"
                        + " [%d]%n", what, nanos[ROUNDS / 2] / (double) OPTIONS, nanos[0] / (double) OPTIONS,
                OPTIONS * 1e3 / nanos[ROUNDS / 2], allocated / OPTIONS, sink & 1);
    }
}
