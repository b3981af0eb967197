package org.mptcpinspect.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.endpoint.Family;
import org.mptcpinspect.endpoint.Protocol;

class ScenarioTest {
    @Test
    void everyBuiltInScenarioLoadsUnderItsOwnName() throws IOException {
        List<String> names = Scenario.builtInNames();
        assertFalse(names.isEmpty());
        for (String name : names) {
            Scenario scenario = Scenario.builtIn(name);
            assertEquals(name, scenario.name());
            assertFalse(scenario.expect().isEmpty(), name + " checks nothing in its capture");
            assertFalse(scenario.description().isBlank(), name + " has no description");
        }
    }

    @Test
    void defaultsAreFilledIn() throws IOException {
        Scenario s = Scenario.builtIn("single-subflow");
        assertEquals(1, s.paths().size());
        assertEquals(Family.IPV4, s.transfer().family());
        assertEquals(Protocol.MPTCP, s.transfer().clientProtocol());
        assertEquals(8000, s.transfer().port());
        assertEquals(1, s.transfer().connections());
    }

    @Test
    void badScenariosFailWithOneLineMessages(@TempDir Path dir) throws IOException {
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{},\"paths\":[{},{},{},{}]}", "at most 3 paths");
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{\"family\":\"ipv6\"}}", "needs \"ipv6\": true");
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{},\"client\":{\"endpoints\":[{\"path\":1}]}}", "unknown path 1");
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{},\"client\":{\"endpoints\":[{\"path\":0,\"flags\":[\"magic\"]}]}}",
                "unknown endpoint flag 'magic'");
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{},\"actions\":[{\"side\":\"client\",\"op\":\"endpoint_delete\"}]}",
                "needs an endpointId");
        assertBad(dir, "{\"name\":\"x\",\"transfer\":{},\"colour\":1}", "colour");
        assertBad(dir, "{\"name\":\"Bad Name\",\"transfer\":{}}", "lower-case");
    }

    private static void assertBad(Path dir, String json, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("s.json"), json);
        IOException e = assertThrows(IOException.class, () -> Scenario.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "multi-line message: " + e.getMessage());
    }

    @Test
    void unknownBuiltInNamesTheKnownOnes() {
        IOException e = assertThrows(IOException.class, () -> Scenario.builtIn("nope"));
        assertTrue(e.getMessage().contains("single-subflow"), e.getMessage());
    }

    @Test
    void addressesStayInTheDocumentationRanges() {
        for (int path = 0; path < Topology.MAX_PATHS; path++) {
            for (Side side : Side.values()) {
                String v4 = Topology.address(side, path, Family.IPV4);
                assertTrue(v4.startsWith("192.0.2.") || v4.startsWith("198.51.100.") || v4.startsWith("203.0.113."), v4);
                assertTrue(Topology.address(side, path, Family.IPV6).startsWith("2001:db8:"));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Topology.address(Side.CLIENT, 3, Family.IPV4));
    }
}
