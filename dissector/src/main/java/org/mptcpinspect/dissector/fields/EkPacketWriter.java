package org.mptcpinspect.dissector.fields;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes packets as tshark -T ek does (newline-delimited JSON for Elasticsearch's bulk API): per
 * packet an index line {@code {"index":{"_index":"packets-DATE","_type":"doc"}}} and a document
 * line {@code {"timestamp":"MILLIS", ..., "layers":{...}}}.
 *
 * <p>The layers follow Wireshark's EK layout: each protocol is an object; the items under it, at
 * any depth below other fields, are its members, named PROTO_FIELD with '_' for '.' (e.g.
 * {@code tcp_tcp_flags_syn}: the field's registering protocol, then its name); the items of the
 * same name under the same parent item are gathered into one member holding an array, where the
 * first of them stood. Booleans are true/false, valueless items null, absolute times ISO 8601 in
 * UTC. Gathering needs the whole packet, so this sink keeps one packet's items (in a pool reused
 * from packet to packet) and writes them at its end.
 */
public final class EkPacketWriter extends ItemSink implements LayersWriter {
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final JsonGenerator json;
    private final ZoneId zone;
    /** Whether items get their "_raw" members (-x). */
    private final boolean raw;
    private final List<Item> pool = new ArrayList<>();
    private int used;
    private final Item root = new Item();
    private final List<Item> parents = new ArrayList<>();

    /** @param raw whether items get tshark's "_raw" members (-x) */
    public EkPacketWriter(OutputStream out, ValueFormat format, ZoneId zone, boolean raw) {
        super(format, false);
        json = TsharkJson.generator(out);
        json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        this.zone = zone;
        this.raw = raw;
    }

    /**
     * Writes the packet's index line and starts its document with the timestamp; the caller adds
     * the summary columns ({@link #column}) and the layers ({@link #beginLayers}), then
     * {@link #endPacket}.
     */
    public void beginPacket(long timestampNanos) throws IOException {
        json.writeStartObject();
        json.writeFieldName("index");
        json.writeStartObject();
        json.writeStringField("_index", "packets-" + TsharkJson.localDate(timestampNanos, zone));
        json.writeStringField("_type", "doc");
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.writeStartObject();
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long millis = Math.floorMod(timestampNanos, 1_000_000_000L) / 1_000_000;
        json.writeStringField("timestamp", seconds + String.format("%03d", millis));
    }

    /** A summary column (tshark -P): its title in lower case, '_' for '.', as the name. */
    public void column(String title, String value) throws IOException {
        json.writeStringField(TsharkJson.ekName(title.toLowerCase(java.util.Locale.ROOT)), value);
    }

    /** Starts the packet's layers: then either emit the packet into this sink or {@link #writeFields}. */
    public void beginLayers(byte[] frame) throws IOException {
        json.writeFieldName("layers");
        json.writeStartObject();
        used = 0;
        root.firstChild = null;
        root.lastChild = null;
        parents.clear();
        parents.add(root);
        beginItems(frame);
    }

    /** Writes the -e fields of the current packet as {@code "field_name": ["v1", "v2"]}. */
    @Override
    public void writeFields(FieldCollector fields) throws IOException {
        TsharkJson.writeFields(json, fields, TsharkJson::ekName);
    }

    /** Ends the layers: writes the tree emitted into this sink, if any. */
    public void endLayers() throws IOException {
        endItems();
        writeMembers(root, true);
        json.writeEndObject();
    }

    /** Ends the packet's document line. */
    public void endPacket() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }

    @Override
    protected Item newItem() {
        if (used == pool.size()) {
            pool.add(new Item());
        }
        return pool.get(used++);
    }

    @Override
    protected void leaf(Item item) {
        parents.getLast().add(item);
    }

    @Override
    protected void parent(Item item) {
        parents.getLast().add(item);
        parents.add(item);
    }

    @Override
    protected void endChildren() {
        parents.removeLast();
    }

    /**
     * Writes the members of {@code parent} (the packet or a protocol): its items and, below each
     * item that is not a protocol, that item's children, gathered by parent and name.
     */
    private void writeMembers(Item parent, boolean top) throws IOException {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        gather(parent, top, groups);
        for (List<Item> group : groups.values()) {
            Item first = group.getFirst();
            String name = name(first);
            if (raw && first.length > 0 && first.kind != Item.Kind.TEXT) {
                json.writeFieldName(name + "_raw");
                boolean many = group.size() > 1;
                if (many) {
                    json.writeStartArray();
                }
                for (Item item : group) {
                    String hex = raw(item);
                    if (hex == null) {
                        json.writeNull();
                    } else {
                        json.writeString(hex);
                    }
                }
                if (many) {
                    json.writeEndArray();
                }
            }
            json.writeFieldName(name);
            if (group.size() > 1) {
                json.writeStartArray();
            }
            for (Item item : group) {
                value(item);
            }
            if (group.size() > 1) {
                json.writeEndArray();
            }
        }
    }

    /** Wireshark's ek_fill_attr: every child by "PARENT_NAME", then below it unless it is a protocol. */
    private static void gather(Item parent, boolean top, Map<String, List<Item>> groups) {
        for (Item child = parent.firstChild; child != null; child = child.next) {
            String key = top ? abbrev(child) : abbrev(parent) + "_" + abbrev(child);
            groups.computeIfAbsent(key, k -> new ArrayList<>(1)).add(child);
            if (child.kind != Item.Kind.PROTOCOL && child.firstChild != null) {
                gather(child, false, groups);
            }
        }
    }

    /** The item's field name; "text" for text items, as Wireshark's. */
    private static String abbrev(Item item) {
        return item.field == null ? "text" : item.field.abbrev();
    }

    /** The member name: the registering protocol, '_', the field, with '_' for '.'. */
    private static String name(Item item) {
        if (item.field == null) {
            return "text";
        }
        Field f = item.field;
        return TsharkJson.ekName(f.protocol() == null ? f.abbrev() : f.protocol() + "_" + f.abbrev());
    }

    private void value(Item item) throws IOException {
        switch (item.kind) {
            case PROTOCOL -> {
                json.writeStartObject();
                writeMembers(item, false);
                json.writeEndObject();
            }
            case TEXT -> json.writeString(item.label);
            case NONE -> json.writeNull();
            case VALUE -> {
                FieldType type = item.field.type();
                if (type == FieldType.BOOLEAN) {
                    json.writeBoolean(item.number != 0);
                } else if (type == FieldType.ABSOLUTE_TIME) {
                    long seconds = Math.floorDiv(item.number, 1_000_000_000L);
                    json.writeString(ISO_SECONDS.format(Instant.ofEpochSecond(seconds)) + "."
                            + String.format("%09d", Math.floorMod(item.number, 1_000_000_000L)) + "Z");
                } else {
                    json.writeString(item.value);
                }
            }
        }
    }
}
