package org.mptcpinspect.dissector.analysis.counters;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lab scenario's NAME.truth.json (testdata/pcaps): each namespace's addresses (from "paths") and
 * the kernel's MPTcpExt counter deltas over the run (from "counters", read by nstat's source,
 * /proc/net/netstat).
 */
record LabTruth(String name, Path pcap, Path pcapng, List<HostAddress> clientAddresses,
                List<HostAddress> serverAddresses, Map<String, Long> clientCounters, Map<String, Long> serverCounters) {

    /** Every scenario recorded in testdata/pcaps (empty when the checkout has none). */
    static List<LabTruth> all() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata/pcaps"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return List.of();
        }
        List<LabTruth> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("testdata/pcaps"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".truth.json")).sorted().toList()) {
                out.add(read(f));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static LabTruth read(Path file) throws IOException {
        Map<String, Object> root;
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.nextToken();
            root = (Map<String, Object>) value(p);
        }
        String base = file.getFileName().toString().replace(".truth.json", "");
        List<HostAddress> client = new ArrayList<>();
        List<HostAddress> server = new ArrayList<>();
        for (Object o : (List<Object>) root.get("paths")) {
            Map<String, Object> path = (Map<String, Object>) o;
            addIfPresent(client, path.get("clientIpv4"));
            addIfPresent(client, path.get("clientIpv6"));
            addIfPresent(server, path.get("serverIpv4"));
            addIfPresent(server, path.get("serverIpv6"));
        }
        Map<String, Object> counters = (Map<String, Object>) root.get("counters");
        return new LabTruth(base, file.resolveSibling(base + ".pcap"), file.resolveSibling(base + ".pcapng"),
                client, server, longs((Map<String, Object>) counters.get("client")),
                longs((Map<String, Object>) counters.get("server")));
    }

    private static void addIfPresent(List<HostAddress> out, Object address) {
        if (address instanceof String s) {
            out.add(HostAddress.parse(s));
        }
    }

    private static Map<String, Long> longs(Map<String, Object> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    /** The JSON value at the parser's current token, as maps, lists, strings, numbers, booleans, null. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
