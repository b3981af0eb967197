package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * tshark's "_raw" arrays (-T json -x, -T jsonraw) on hand-built items: a masked field's value in
 * uppercase hex (C's "%X"), a byte field's bytes, Wireshark's field type numbers, and what items
 * covering no bytes, without a data source, or of text only get.
 */
class JsonRawTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static void emit(FieldSink sink) {
        sink.protocol(SinkTestFields.PROTO, 0, 6);
        sink.open();
        sink.uint(SinkTestFields.KIND, 0xc, 0, 1);
        sink.bytes(SinkTestFields.HMAC, SinkTestFields.FRAME, 0, 4);
        sink.uint(SinkTestFields.TTL, 64, 4, 0);
        sink.uint(SinkTestFields.TTL, 65, FieldSink.NO_BYTES, 0);
        sink.text("A text item", false, 0, 0);
        sink.close();
    }

    private static String write(boolean raw, boolean text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonPacketWriter w = new JsonPacketWriter(out, new ValueFormat(UTC), UTC, raw, text);
        w.beginPacket(0, SinkTestFields.FRAME);
        emit(w);
        w.endPacket();
        w.finish();
        String all = out.toString(StandardCharsets.UTF_8);
        return all.substring(all.indexOf("\"layers\": {") + 12, all.indexOf("\n      }\n    }\n  }\n]")).stripIndent();
    }

    @Test
    void jsonWithRawFields() throws IOException {
        assertEquals("""
                        "t_raw": [
                          "efe337a02001",
                          0,
                          6,
                          0,
                          1
                        ],
                        "t": {
                          "t.kind_raw": [
                            "C",
                            0,
                            1,
                            240,
                            4
                          ],
                          "t.kind": "12",
                          "t.hmac_raw": [
                            "efe337a0",
                            0,
                            4,
                            0,
                            30
                          ],
                          "t.hmac": "ef:e3:37:a0",
                          "t.ttl": "64",
                          "t.ttl": "65",
                          "A text item": ""
                        }""", write(true, true));
    }

    @Test
    void rawOnly() throws IOException {
        // tshark -T jsonraw: every item's raw array (without hex when it has no data source), no values.
        assertEquals("""
                        "t_raw": [
                          "efe337a02001",
                          0,
                          6,
                          0,
                          1
                        ],
                        "t": {
                          "t.kind_raw": [
                            "C",
                            0,
                            1,
                            240,
                            4
                          ],
                          "t.hmac_raw": [
                            "efe337a0",
                            0,
                            4,
                            0,
                            30
                          ],
                          "t.ttl_raw": [
                            "",
                            4,
                            0,
                            0,
                            4
                          ],
                          "t.ttl_raw": [
                            0,
                            0,
                            0,
                            4
                          ],
                          "A text item": ""
                        }""", write(true, false));
    }
}
