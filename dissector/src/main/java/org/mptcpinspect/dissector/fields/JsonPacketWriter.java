package org.mptcpinspect.dissector.fields;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Streams packets as tshark -T json does: an array of
 * {@code {"_index": "packets-DATE", "_type": "doc", "_score": null, "_source": {"layers": {...}}}},
 * written packet by packet (never the whole capture in memory). The layers are either the whole
 * tree (this object is then the {@link FieldSink}) or the -e fields of a {@link FieldCollector}.
 *
 * <p>Tree layout as tshark's: each item's key is its field name (text items: their label); an
 * item with a value is {@code "key": "value"}, its children follow as {@code "key_tree": {...}};
 * a valueless item with children is {@code "key": {...}}; a valueless leaf is {@code "key": ""}
 * (a protocol leaf: its label).
 */
public final class JsonPacketWriter implements FieldSink {
    private final JsonGenerator json;
    private final ValueFormat format;
    private final ZoneId zone;
    private final TextBuffer scratch = new TextBuffer(256);
    private boolean anyPacket;

    private String pendingKey;
    private String pendingValue;
    private String pendingLabel;
    private boolean pendingProtocol;

    public JsonPacketWriter(OutputStream out, ValueFormat format, ZoneId zone) {
        try {
            json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setPrettyPrinter(new TsharkJsonPrettyPrinter());
        this.format = format;
        this.zone = zone;
    }

    /** Starts a packet's object, up to the opening of "layers". */
    public void beginPacket(long timestampNanos) throws IOException {
        if (!anyPacket) {
            json.writeStartArray();
            anyPacket = true;
        }
        json.writeStartObject();
        LocalDate day = Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L)).atZone(zone)
                .toLocalDate();
        json.writeStringField("_index", "packets-" + day);
        json.writeStringField("_type", "doc");
        json.writeNullField("_score");
        json.writeFieldName("_source");
        json.writeStartObject();
        json.writeFieldName("layers");
        json.writeStartObject();
        pendingKey = null;
    }

    /** Closes the packet's object. */
    public void endPacket() throws IOException {
        flushPending();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Writes the -e fields of the current packet as {@code "field": ["v1", "v2"]}. */
    public void writeFields(FieldCollector fields) throws IOException {
        for (int c = 0; c < fields.columns().size(); c++) {
            int n = fields.occurrences(c);
            if (n == 0) {
                continue;
            }
            json.writeFieldName(fields.columns().get(c).abbrev());
            json.writeStartArray();
            for (int i = 0; i < n; i++) {
                json.writeString(fields.value(c, i));
            }
            json.writeEndArray();
        }
    }

    /** Pushes the packets written so far to the stream (a live capture shows them as they arrive). */
    public void flush() throws IOException {
        json.flush();
    }

    /** Ends the output: closes the array ("[]" when there were no packets) and flushes. */
    public void finish() throws IOException {
        if (!anyPacket) {
            json.writeRaw("[]");
        } else {
            json.writeEndArray();
        }
        json.writeRaw('\n');
        json.flush();
    }

    @Override
    public boolean wants(Field field) {
        return true;
    }

    @Override
    public boolean wantsText() {
        return true;
    }

    private void item(String key, String value, boolean protocol, String label) {
        flushPending();
        pendingKey = key;
        pendingValue = value;
        pendingProtocol = protocol;
        pendingLabel = label;
    }

    private void flushPending() {
        if (pendingKey == null) {
            return;
        }
        try {
            json.writeFieldName(pendingKey);
            if (pendingValue != null) {
                json.writeString(pendingValue);
            } else {
                json.writeString(pendingProtocol ? pendingLabel : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pendingKey = null;
    }

    private String value(Runnable formatter) {
        scratch.clear();
        formatter.run();
        return scratch.toString();
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        item(field.abbrev(), null, true, field.name());
    }

    @Override
    public void none(Field field, int offset, int length) {
        item(field.abbrev(), null, false, null);
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        item(field.abbrev(), value(() -> format.uint(scratch, field, value)), false, null);
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        item(field.abbrev(), value(() -> format.sint(scratch, field, value)), false, null);
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        item(field.abbrev(), value ? "1" : "0", false, null);
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        if (field.payload()) {
            item(field.abbrev(), null, true, field.name());
            return;
        }
        item(field.abbrev(), value(() -> format.bytes(scratch, src, from, to, ':')), false, null);
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        item(field.abbrev(), value(() -> format.ipv4(scratch, address)), false, null);
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        item(field.abbrev(), value(() -> format.ipv6(scratch, frame, offset)), false, null);
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        item(field.abbrev(), value(() -> format.ether(scratch, frame, offset)), false, null);
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        item(field.abbrev(), value, false, null);
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        item(field.abbrev(), value(() -> format.time(scratch, field, nanos)), false, null);
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        item(field.abbrev(), ValueFormat.formatDouble(value), false, null);
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        item(label, null, false, null);
    }

    @Override
    public void label(String label) {
        if (pendingKey != null) {
            pendingLabel = label;
        }
    }

    @Override
    public void appendText(String text) {
        if (pendingKey != null && pendingLabel != null) {
            pendingLabel = pendingLabel + text;
        }
    }

    @Override
    public void open() {
        try {
            if (pendingKey == null) {
                // Children without a parent item: keep the nesting balanced with an anonymous object.
                json.writeFieldName("");
            } else if (pendingValue != null) {
                json.writeFieldName(pendingKey);
                json.writeString(pendingValue);
                json.writeFieldName(pendingKey + "_tree");
            } else {
                json.writeFieldName(pendingKey);
            }
            pendingKey = null;
            json.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flushPending();
        try {
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
