package org.mptcpinspect.dissector.fields;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams packets as tshark -T pdml does (Packet Details Markup Language): per packet a
 * {@code <packet>} element holding the "geninfo" pseudo-protocol, then every item of the tree, a
 * line each: protocols as {@code <proto name showname size pos>}, fields as {@code <field name
 * showname [hide] size pos show value [unmaskedvalue]>}, text items with an empty name; or, with
 * -e, a {@code <field name value>} per value. A top-level item that is not a protocol (or the
 * "Data" protocol) is wrapped in a "fake-field-wrapper" protocol, as in tshark.
 */
public final class PdmlPacketWriter extends ItemSink implements LayersWriter {
    private final OutputStream out;
    private final TextBuffer line = new TextBuffer(512);
    /**
     * The open items, outermost first (the packet's root is not one): their closing tags, where
     * they start (items are reused, so what is needed is kept), and whether each is a top-level
     * item wrapped in "fake-field-wrapper".
     */
    private final List<String> open = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Boolean> wrapped = new ArrayList<>();

    public PdmlPacketWriter(OutputStream out, ValueFormat format) {
        super(format, true);
        this.out = out;
    }

    /**
     * The document's head, as tshark's: the XML declaration, the stylesheet, and the
     * {@code <pdml>} element naming the program, the time of the run and the capture file.
     *
     * @param creator the program and its version ("mptcp-inspect/0.1.0")
     * @param time    the local time of the run, as C's asctime() ("Mon Nov 30 02:39:27 2026")
     */
    public void start(String creator, String time, String captureFile) throws IOException {
        line.clear();
        line.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n")
                .append("<!-- You can find pdml2html.xsl in /usr/share/wireshark or at "
                        + "https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n")
                .append("<pdml version=\"0\" creator=\"");
        escaped(creator);
        line.append("\" time=\"");
        escaped(time);
        line.append("\" capture_file=\"");
        escaped(captureFile);
        line.append("\">\n");
        line.writeTo(out);
    }

    /**
     * Starts a packet: {@code <packet>} and the "geninfo" protocol (number, lengths, time: the
     * frame's, with the frame item's size).
     *
     * @param time the frame's arrival time as tshark shows it (frame.time's value)
     */
    public void beginPacket(long number, int length, int capturedLength, long timestampNanos, String time,
                            byte[] frame) throws IOException {
        line.clear();
        line.append("<packet>\n");
        line.append("  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" size=\"")
                .appendUnsigned(capturedLength).append("\">\n");
        geninfo("num", Long.toString(number), "Number", Long.toHexString(number), capturedLength);
        geninfo("len", Integer.toString(length), "Frame Length", Integer.toHexString(length), capturedLength);
        geninfo("caplen", Integer.toString(capturedLength), "Captured Length", Integer.toHexString(capturedLength),
                capturedLength);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        geninfo("timestamp", time, "Captured Time",
                seconds + "." + String.format("%09d", Math.floorMod(timestampNanos, 1_000_000_000L)), capturedLength);
        line.append("  </proto>\n");
        line.writeTo(out);
        open.clear();
        starts.clear();
        wrapped.clear();
        beginItems(frame);
    }

    private void geninfo(String name, String show, String showname, String value, int size) {
        line.append("    <field name=\"").append(name).append("\" pos=\"0\" show=\"");
        escaped(show);
        line.append("\" showname=\"").append(showname).append("\" value=\"").append(value).append("\" size=\"")
                .appendUnsigned(size).append("\"/>\n");
    }

    /** Ends the packet. */
    public void endPacket() throws IOException {
        endItems();
        line.clear();
        line.append("</packet>\n\n\n");
        line.writeTo(out);
    }

    /** Writes the -e fields of the current packet, one element per value. */
    @Override
    public void writeFields(FieldCollector fields) throws IOException {
        line.clear();
        for (int c = 0; c < fields.columns().size(); c++) {
            for (int i = 0; i < fields.occurrences(c); i++) {
                line.append("  <field name=\"").append(fields.columns().get(c).abbrev()).append("\" value=\"");
                escaped(fields.value(c, i));
                line.append("\"/>\n");
            }
        }
        line.writeTo(out);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Ends the document. */
    @Override
    public void finish() throws IOException {
        out.write("</pdml>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    protected void leaf(Item item) {
        element(item, false);
    }

    @Override
    protected void parent(Item item) {
        element(item, true);
    }

    @Override
    protected void endChildren() {
        String close = open.removeLast();
        starts.removeLast();
        boolean fake = wrapped.removeLast();
        line.clear();
        // tshark takes back the wrapper's level before closing the wrapped item.
        indent(fake ? 1 : depth());
        line.append(close);
        if (fake) {
            indent(1);
            line.append("</proto>\n");
        }
        write();
    }

    /** The indentation of the next element: one level per open item, one more inside a wrapper. */
    private int depth() {
        return open.size() + 1 + (!wrapped.isEmpty() && wrapped.getFirst() ? 1 : 0);
    }

    /** Protocols are proto elements, but for "Data" and the expert infos. */
    private static boolean isProto(Item item) {
        return item.kind == Item.Kind.PROTOCOL && !item.field.payload() && !item.field.equals(ExpertFields.EXPERT);
    }

    /** Wireshark wraps top-level items that are no protocols, and "Data", in a fake protocol. */
    private boolean wrapped(Item item) {
        return open.isEmpty() && (item.kind != Item.Kind.PROTOCOL || item.field.payload());
    }

    private void element(Item item, boolean hasChildren) {
        line.clear();
        boolean fake = wrapped(item);
        indent(depth());
        if (fake) {
            line.append("<proto name=\"fake-field-wrapper\">\n");
            indent(depth() + 1);
        }
        if (item.kind == Item.Kind.TEXT) {
            line.append("<field name=\"\" show=\"");
            escaped(item.label);
            size(item);
            if (item.length > 0) {
                line.append("\" value=\"");
                bytes(item);
            }
        } else if (item.field.payload()) {
            line.append("<field name=\"data\" value=\"");
            bytes(item);
        } else {
            line.append(isProto(item) ? "<proto name=\"" : "<field name=\"").append(item.key).append("\" showname=\"");
            escaped(item.label);
            if (item.hidden) {
                line.append("\" hide=\"yes");
            }
            size(item);
            if (item.kind == Item.Kind.NONE) {
                line.append("\" show=\"\" value=\"");
            } else if (item.kind == Item.Kind.VALUE) {
                line.append("\" show=\"");
                escaped(item.value);
                if (item.length > 0) {
                    line.append("\" value=\"");
                    if (item.field.bitmask() != 0) {
                        line.append(raw(item)).append("\" unmaskedvalue=\"");
                        bytes(item);
                    } else {
                        bytes(item);
                    }
                }
            }
        }
        line.append(hasChildren || item.field != null && item.field.payload() ? "\">\n" : "\"/>\n");
        write();
        if (hasChildren) {
            open.add(isProto(item) ? "</proto>\n" : "</field>\n");
            starts.add(item.offset);
            wrapped.add(fake);
        } else if (fake) {
            // A wrapped leaf closes its wrapper at once.
            line.clear();
            indent(1);
            line.append("</proto>\n");
            write();
        }
    }

    /** size and pos; an item placed before its parent is shown at the parent's start plus its own. */
    private void size(Item item) {
        int pos = item.offset;
        if (!starts.isEmpty() && item.offset < starts.getLast()) {
            pos += starts.getLast();
        }
        line.append("\" size=\"").appendUnsigned(item.length).append("\" pos=\"").appendUnsigned(pos);
    }

    /** The item's bytes in hex; nothing without a data source. */
    private void bytes(Item item) {
        if (item.sourced) {
            String hex = item.offset + item.length > frame().length ? "field length invalid!" : null;
            if (hex != null) {
                line.append(hex);
            } else {
                line.appendHexBytes(frame(), item.offset, item.offset + item.length, (char) 0);
            }
        }
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            line.append("  ");
        }
    }

    private void write() {
        try {
            line.writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Text as XML attribute content: &amp;, &lt;, &gt;, &quot; and &#x27; escaped, as tshark. */
    private void escaped(String s) {
        line.append(Xml.escaped(s));
    }
}
