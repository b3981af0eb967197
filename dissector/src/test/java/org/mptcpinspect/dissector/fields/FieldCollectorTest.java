package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldCollectorTest {
    private static final FieldRegistry REGISTRY = SinkTestFields.registry();

    private static String row(FieldsOptions options, String... names) throws IOException {
        List<Field> columns = java.util.Arrays.stream(names).map(REGISTRY::lookup).toList();
        FieldCollector c = new FieldCollector(columns, options, new ValueFormat(ZoneId.of("UTC")),
                REGISTRY.idLimit());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (options.header()) {
            c.writeHeader(out);
        }
        c.reset();
        SinkTestFields.emit(c);
        c.writeRow(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEachTypeAsTsharkDoes() throws IOException {
        assertEquals("192.0.2.1,192.0.2.2\t32786,5201\t0x0002\t1\t0,2\t16104313840484316870\tefe337a0\t2001:db8::1"
                + "\t4e:da:26:30:39:88\ta\\tb\t0.000019000\t1\tTest Protocol, Src: 192.0.2.1\n",
                row(FieldsOptions.DEFAULT, "t.addr", "t.port", "t.flags", "t.flags.syn", "t.kind", "t.key",
                        "t.hmac", "t.v6", "t.mac", "t.name", "t.rel", "t.none", "t"));
    }

    @Test
    void absentFieldsAreEmptyAndUnquoted() throws IOException {
        FieldsOptions quoted = FieldsOptions.DEFAULT.with("quote=d");
        assertEquals("\"0.000019000\"\t\t\"5201\"\n", row(quoted.with("occurrence=l"), "t.rel", "t.ttl", "t.port"));
    }

    @Test
    void occurrenceSeparatorAggregatorAndHeader() throws IOException {
        FieldsOptions o = FieldsOptions.DEFAULT.with("header=y").with("separator=/s").with("aggregator=|");
        assertEquals("t.addr t.port\n192.0.2.1|192.0.2.2 32786|5201\n", row(o, "t.addr", "t.port"));
        assertEquals("192.0.2.1;32786\n", row(FieldsOptions.DEFAULT.with("occurrence=f").with("separator=;"),
                "t.addr", "t.port"));
        assertEquals("'192.0.2.2','5201'\n", row(FieldsOptions.DEFAULT.with("occurrence=l").with("quote=s")
                .with("separator=,"), "t.addr", "t.port"));
        assertEquals("192.0.2.1 192.0.2.2\n", row(FieldsOptions.DEFAULT.with("aggregator=/s"), "t.addr"));
    }

    @Test
    void aFieldRequestedTwiceFillsBothColumns() throws IOException {
        assertEquals("5201\t5201\n", row(FieldsOptions.DEFAULT.with("occurrence=l"), "t.port", "t.port"));
    }

    @Test
    void protocolValueIsItsLabel() throws IOException {
        assertEquals("Test Protocol, Src: 192.0.2.1\n", row(FieldsOptions.DEFAULT, "t"));
    }

    @Test
    void optionsAreParsedAsTsharkParsesThem() {
        FieldsOptions o = FieldsOptions.DEFAULT;
        assertEquals('\t', o.with("separator=/t").separator());
        assertEquals(' ', o.with("separator=/s").separator());
        assertEquals('a', o.with("separator=abc").separator());
        assertEquals(',', o.aggregator());
        assertEquals(' ', o.with("aggregator=/s").aggregator());
        assertEquals('"', o.with("quote=d").quote());
        assertEquals(0, o.with("quote=n").quote());
        assertTrue(o.with("header=y").header());
        assertThrows(IllegalArgumentException.class, () -> o.with("header=maybe"));
        assertThrows(IllegalArgumentException.class, () -> o.with("bogus=1"));
        assertThrows(IllegalArgumentException.class, () -> o.with("separator="));
        assertThrows(IllegalArgumentException.class, () -> o.with("occurrence=2"));
    }

    @Test
    void treePrinterIndentsBracketsAndHidesLikeTsharkV() throws IOException {
        TreePrinter p = new TreePrinter(new ValueFormat(ZoneId.of("UTC")));
        p.begin();
        SinkTestFields.emit(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.end(out);
        assertEquals("""
                Test Protocol, Src: 192.0.2.1
                    Source Address: 192.0.2.1
                    Flags: 0x0002
                        .... .... ..1. = Syn: Set
                    0000 .... = Kind: Multipath Capable (0)
                    0010 .... = Kind: Data Sequence Signal (2)
                    Key: 16104313840484316870
                    HMAC: efe337a0
                    IPv6: 2001:db8::1
                    MAC: 4e:da:26:30:39:88 (4e:da:26:30:39:88)
                    Name: a\tb
                    [Relative: 0.000019000 seconds]
                    Nothing
                    [A text item]

                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonLayoutFollowsTshark() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonPacketWriter w = new JsonPacketWriter(out, new ValueFormat(ZoneId.of("UTC")), ZoneId.of("UTC"));
        w.beginPacket(1795543769_598637000L);
        SinkTestFields.emit(w);
        w.endPacket();
        w.finish();
        assertEquals("""
                [
                  {
                    "_index": "packets-2026-11-24",
                    "_type": "doc",
                    "_score": null,
                    "_source": {
                      "layers": {
                        "t": {
                          "t.src": "192.0.2.1",
                          "t.addr": "192.0.2.1",
                          "t.addr": "192.0.2.2",
                          "t.port": "32786",
                          "t.port": "5201",
                          "t.flags": "0x0002",
                          "t.flags_tree": {
                            "t.flags.syn": "1"
                          },
                          "t.kind": "0",
                          "t.kind": "2",
                          "t.key": "16104313840484316870",
                          "t.hmac": "ef:e3:37:a0",
                          "t.v6": "2001:db8::1",
                          "t.mac": "4e:da:26:30:39:88",
                          "t.name": "a\\tb",
                          "t.rel": "0.000019000",
                          "t.none": "",
                          "A text item": ""
                        }
                      }
                    }
                  }
                ]
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonWithFieldsAndWithoutPackets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonPacketWriter w = new JsonPacketWriter(out, new ValueFormat(ZoneId.of("UTC")), ZoneId.of("UTC"));
        w.finish();
        assertEquals("[]\n", out.toString(StandardCharsets.UTF_8));

        out.reset();
        w = new JsonPacketWriter(out, new ValueFormat(ZoneId.of("UTC")), ZoneId.of("UTC"));
        FieldCollector c = new FieldCollector(List.of(REGISTRY.lookup("t.addr"), REGISTRY.lookup("t.ttl")),
                FieldsOptions.DEFAULT, new ValueFormat(ZoneId.of("UTC")), REGISTRY.idLimit());
        for (int i = 0; i < 2; i++) {
            w.beginPacket(0);
            c.reset();
            SinkTestFields.emit(c);
            w.writeFields(c);
            w.endPacket();
        }
        w.finish();
        String one = """
                  {
                    "_index": "packets-1970-01-01",
                    "_type": "doc",
                    "_score": null,
                    "_source": {
                      "layers": {
                        "t.addr": [
                          "192.0.2.1",
                          "192.0.2.2"
                        ]
                      }
                    }
                  }""";
        String indented = one.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n"));
        assertEquals("[\n" + indented + ",\n" + indented + "\n]\n", out.toString(StandardCharsets.UTF_8));
    }
}
