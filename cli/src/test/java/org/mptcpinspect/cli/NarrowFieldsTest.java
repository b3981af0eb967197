package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code -T fields} with only frame, IP and MPTCP option columns skips following TCP
 * conversations; its output must be what the same columns show when a tcp.* column makes the
 * walk follow them, on every capture in testdata.
 */
class NarrowFieldsTest {
    private static final List<String> NARROW = List.of("-e", "frame.number", "-e", "ip.src", "-e", "ipv6.dst",
            "-e", "tcp.options.mptcp.subtype", "-e", "tcp.options.mptcp.rawdataseqno",
            "-e", "tcp.options.mptcp.rawdataack", "-e", "tcp.options.mptcp.sendkey");

    @TestFactory
    Stream<DynamicTest> narrowColumnsEqualTheWideWalk() throws Exception {
        Path lab = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");
        List<Path> captures;
        try (Stream<Path> files = Files.list(lab)) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .toList();
        }
        assertTrue(captures.size() >= 28);
        return captures.stream().map(capture -> DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
            ReadCommandTest.Result narrow = ReadCommandTest.run(args(capture, List.of()));
            ReadCommandTest.Result wide = ReadCommandTest.run(args(capture, List.of("-e", "tcp.stream")));
            assertEquals(0, narrow.code(), narrow.err());
            assertEquals(0, wide.code(), wide.err());
            String withoutStream = wide.out().lines().map(l -> l.substring(0, l.lastIndexOf('\t')))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertEquals(withoutStream, narrow.out());
        }));
    }

    private static String[] args(Path capture, List<String> extra) {
        return Stream.of(List.of("read", capture.toString(), "-T", "fields"), NARROW, extra)
                .flatMap(List::stream).toArray(String[]::new);
    }
}
