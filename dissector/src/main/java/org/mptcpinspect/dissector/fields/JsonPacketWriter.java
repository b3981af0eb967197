package org.mptcpinspect.dissector.fields;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/**
 * Streams packets as tshark -T json does: an array of
 * {@code {"_index": "packets-DATE", "_type": "doc", "_score": null, "_source": {"layers": {...}}}},
 * written packet by packet (never the whole capture in memory). The layers are either the whole
 * tree (this object is then the {@link FieldSink}) or the -e fields of a {@link FieldCollector}.
 *
 * <p>Tree layout as tshark's: each item's key is its field name (text items: their label); an
 * item with a value is {@code "key": "value"}, its children follow as {@code "key_tree": {...}};
 * a valueless item with children is {@code "key": {...}}; a valueless leaf is {@code "key": ""}
 * (a protocol leaf: its label). With tshark's -x each item that covers bytes is preceded by
 * {@code "key_raw": ["hex", offset, length, bitmask, type]}; -T jsonraw prints only those, for
 * every item, and the text items.
 */
public final class JsonPacketWriter extends ItemSink implements LayersWriter {
    private final JsonGenerator json;
    private final ZoneId zone;
    /** Whether items get their "_raw" arrays (-x, jsonraw). */
    private final boolean raw;
    /** Whether items get their values (not in jsonraw). */
    private final boolean text;
    private boolean anyPacket;

    /** tshark -T json. */
    public JsonPacketWriter(OutputStream out, ValueFormat format, ZoneId zone) {
        this(out, format, zone, false, true);
    }

    /**
     * @param raw  whether items get tshark's "_raw" arrays (-x, and -T jsonraw)
     * @param text whether items get their values (false for -T jsonraw: raw arrays only)
     */
    public JsonPacketWriter(OutputStream out, ValueFormat format, ZoneId zone, boolean raw, boolean text) {
        super(format, false);
        json = TsharkJson.generator(out);
        json.setPrettyPrinter(new TsharkJsonPrettyPrinter());
        this.zone = zone;
        this.raw = raw;
        this.text = text;
    }

    /** Starts a packet's object, up to the opening of "layers". */
    public void beginPacket(long timestampNanos) throws IOException {
        beginPacket(timestampNanos, new byte[0]);
    }

    /** Starts a packet's object, up to the opening of "layers"; the items' bytes are {@code frame}'s. */
    public void beginPacket(long timestampNanos, byte[] frame) throws IOException {
        if (!anyPacket) {
            json.writeStartArray();
            anyPacket = true;
        }
        json.writeStartObject();
        json.writeStringField("_index", "packets-" + TsharkJson.localDate(timestampNanos, zone));
        json.writeStringField("_type", "doc");
        json.writeNullField("_score");
        json.writeFieldName("_source");
        json.writeStartObject();
        json.writeFieldName("layers");
        json.writeStartObject();
        beginItems(frame);
    }

    /** Closes the packet's object. */
    public void endPacket() throws IOException {
        endItems();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Writes the -e fields of the current packet as {@code "field": ["v1", "v2"]}. */
    @Override
    public void writeFields(FieldCollector fields) throws IOException {
        TsharkJson.writeFields(json, fields, UnaryOperator.identity());
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    /** Ends the output: closes the array ("[]" when there were no packets) and flushes. */
    @Override
    public void finish() throws IOException {
        if (!anyPacket) {
            json.writeRaw("[]");
        } else {
            json.writeEndArray();
        }
        json.writeRaw('\n');
        json.flush();
    }

    /** The item's raw array and value, as tshark writes them before its children or in their place. */
    private void head(Item item) throws IOException {
        // tshark: with both the text and -x, items covering no bytes get no raw array; text items never.
        if (raw && (!text || item.length > 0) && item.kind != Item.Kind.TEXT) {
            json.writeFieldName(item.key + "_raw");
            json.writeStartArray();
            String hex = raw(item);
            if (hex != null) {
                json.writeString(hex);
            }
            json.writeNumber(item.offset);
            json.writeNumber(item.length);
            json.writeNumber(Long.toUnsignedString(item.field.bitmask()));
            json.writeNumber(item.ftenum);
            json.writeEndArray();
        }
        if (text && item.value != null) {
            json.writeFieldName(item.key);
            json.writeString(item.value);
        }
    }

    @Override
    protected void leaf(Item item) {
        try {
            head(item);
            if (item.value == null && (text || raw && item.kind == Item.Kind.TEXT)) {
                json.writeFieldName(item.key);
                json.writeString(item.kind == Item.Kind.PROTOCOL ? item.label : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void parent(Item item) {
        try {
            head(item);
            json.writeFieldName(item.value != null ? item.key + "_tree" : item.key);
            json.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void endChildren() {
        try {
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
