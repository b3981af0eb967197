package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * tshark's PDML elements on hand-built items: a protocol, a masked field (value and
 * unmaskedvalue), a hidden field, a valueless one, a text item, an expert item without a data
 * source (placed at its parent's start), XML escaping, and "Data" in a fake-field-wrapper.
 */
class PdmlPacketWriterTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void elementsAsTshark() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdmlPacketWriter w = new PdmlPacketWriter(out, new ValueFormat(UTC));
        byte[] frame = SinkTestFields.FRAME;
        w.beginPacket(7, 30, 26, 1_795_545_775_920_803_000L, "Nov 24, 2026 18:42:55.920803000 UTC", frame);
        w.protocol(SinkTestFields.PROTO, 0, 20);
        w.label("Test Protocol, Src: <a & 'b'>");
        w.open();
        w.uint(SinkTestFields.KIND, 0xe, 0, 1);
        w.ipv4(SinkTestFields.ADDR, 0xc0000201, 4);
        w.none(SinkTestFields.NONE, 8, 0);
        w.text("A text item", true, 0, 2);
        w.uint(SinkTestFields.TTL, 64, 10, 1);
        w.open();
        w.expert(TcpFields.EXPERT_NOP, TcpFields.EXPERT_NOP.message(), 10, 1);
        w.close();
        w.close();
        w.bytes(DataFields.DATA, frame, 20, 26);
        w.label("Data (6 bytes)");
        w.open();
        w.bytes(DataFields.DATA_DATA, frame, 20, 26);
        w.sint(DataFields.DATA_LEN, 6, 20, 0);
        w.close();
        w.endPacket();
        assertEquals("""
                <packet>
                  <proto name="geninfo" pos="0" showname="General information" size="26">
                    <field name="num" pos="0" show="7" showname="Number" value="7" size="26"/>
                    <field name="len" pos="0" show="30" showname="Frame Length" value="1e" size="26"/>
                    <field name="caplen" pos="0" show="26" showname="Captured Length" value="1a" size="26"/>
                    <field name="timestamp" pos="0" show="Nov 24, 2026 18:42:55.920803000 UTC" showname="Captured Time" \
                value="1795545775.920803000" size="26"/>
                  </proto>
                  <proto name="t" showname="Test Protocol, Src: &lt;a &amp; &#x27;b&#x27;&gt;" size="20" pos="0">
                    <field name="t.kind" showname="1110 .... = Kind: Unknown (14)" size="1" pos="0" show="14" value="E" \
                unmaskedvalue="ef"/>
                    <field name="t.addr" showname="Address: 192.0.2.1" hide="yes" size="4" pos="4" show="192.0.2.1" \
                value="20010db8"/>
                    <field name="t.none" showname="Nothing" size="0" pos="8" show="" value=""/>
                    <field name="" show="A text item" size="2" pos="0" value="efe3"/>
                    <field name="t.ttl" showname="TTL: 64" size="1" pos="10" show="64" value="00">
                      <field name="_ws.expert" showname="Expert Info (Warning/Protocol): 4 NOP in a row - a router may \
                have removed some options" size="0" pos="10">
                        <field name="tcp.nop" showname="4 NOP in a row - a router may have removed some options" size="0" \
                pos="0" show="" value=""/>
                        <field name="_ws.expert.message" showname="Message: 4 NOP in a row - a router may have removed \
                some options" hide="yes" size="0" pos="0" show="4 NOP in a row - a router may have removed some options"/>
                        <field name="_ws.expert.severity" showname="Severity level: Warning" size="0" pos="0" show="6291456"/>
                        <field name="_ws.expert.group" showname="Group: Protocol" size="0" pos="0" show="150994944"/>
                      </field>
                    </field>
                  </proto>
                  <proto name="fake-field-wrapper">
                    <field name="data" value="4e da 26 30 39 88">
                      <field name="data.data" showname="Data: 4eda26303988" size="6" pos="20" show="4e:da:26:30:39:88" \
                value="4eda26303988"/>
                      <field name="data.len" showname="Length: 6" size="0" pos="20" show="6"/>
                  </field>
                  </proto>
                </packet>


                """.replace("4e da 26 30 39 88", "4eda26303988"), out.toString(StandardCharsets.UTF_8));
    }
}
