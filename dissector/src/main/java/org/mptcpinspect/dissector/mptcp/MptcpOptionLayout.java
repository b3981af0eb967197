package org.mptcpinspect.dissector.mptcp;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.dissector.mptcp.kaitai.positions.MptcpOptionWire;

/**
 * The byte range of every field of one MPTCP option, for a hex pane. It parses the option
 * again with the copy of the Kaitai spec compiled with read-pos, which records positions in
 * HashMaps: too slow for every packet, fine for the one option a person is looking at.
 */
public final class MptcpOptionLayout {
    private MptcpOptionLayout() {
    }

    /**
     * Field name to absolute byte range, in frame order. Names are the Kaitai spec's field ids
     * in camel case, which are also the record components that hold them: "kind", "length",
     * "subtypeByte" (subtype in the upper nibble; version, flags or IPVer in the lower), then
     * e.g. "flags", "senderKey", "dataAck", "dataSequenceNumber", "address", "port",
     * "addressIds" (and "addressIds[i]" for each ID). Fields the option does not carry are
     * absent. For a truncated option, the fields that fit before its end are listed. Never throws.
     *
     * @param frame        the whole frame
     * @param optionOffset offset of the option's kind byte (30)
     */
    public static Map<String, ByteRange> fieldSpans(byte[] frame, int optionOffset) {
        if (optionOffset < 0 || optionOffset >= frame.length) {
            return Map.of();
        }
        int available = frame.length - optionOffset;
        int length = available >= 2 ? frame[optionOffset + 1] & 0xff : available;
        MptcpOptionWire wire = new MptcpOptionWire(
                new ByteBufferKaitaiStream(ByteBuffer.wrap(frame, optionOffset, Math.min(length, available))));
        try {
            wire._read();
        } catch (BufferUnderflowException e) {
            // Keep the spans of the fields read before the option ran out.
        }
        List<Map.Entry<String, ByteRange>> spans = new ArrayList<>();
        addSpans(wire._attrStart, wire._attrEnd, spans);
        switch (wire.body()) {
            case MptcpOptionWire.MpCapable b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.MpJoin b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.Dss b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.AddAddr b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.RemoveAddr b -> {
                addSpans(b._attrStart, b._attrEnd, spans);
                addElementSpans("addressIds", b._attrStart, b._attrEnd, spans);
            }
            case MptcpOptionWire.MpPrio b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.MpFail b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.MpFastclose b -> addSpans(b._attrStart, b._attrEnd, spans);
            case MptcpOptionWire.MpTcprst b -> addSpans(b._attrStart, b._attrEnd, spans);
            case null -> {
            }
            default -> throw new IllegalStateException("mptcp_option.ksy has a body type this class does not list: "
                    + wire.body().getClass().getSimpleName());
        }
        // Frame order; a list comes before its elements, which start where it starts.
        spans.sort(Comparator.comparingInt((Map.Entry<String, ByteRange> e) -> e.getValue().offset())
                .thenComparing(e -> -e.getValue().length())
                .thenComparing(Map.Entry::getKey));
        Map<String, ByteRange> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, ByteRange> span : spans) {
            ordered.put(span.getKey(), span.getValue());
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** Fields that were read completely and are not a nested struct (the body is listed field by field). */
    private static void addSpans(Map<String, Integer> starts, Map<String, Integer> ends,
                                 List<Map.Entry<String, ByteRange>> spans) {
        for (Map.Entry<String, Integer> start : starts.entrySet()) {
            Integer end = ends.get(start.getKey());
            if (end != null && end > start.getValue() && !start.getKey().equals("body")) {
                spans.add(Map.entry(start.getKey(), new ByteRange(start.getValue(), end - start.getValue())));
            }
        }
    }

    /** One-octet elements of a list field, named "name[i]". */
    private static void addElementSpans(String name, Map<String, Integer> starts, Map<String, Integer> ends,
                                        List<Map.Entry<String, ByteRange>> spans) {
        Integer start = starts.get(name);
        Integer end = ends.get(name);
        if (start == null || end == null) {
            return;
        }
        for (int i = 0; start + i < end; i++) {
            spans.add(Map.entry(name + "[" + i + "]", new ByteRange(start + i, 1)));
        }
    }
}
