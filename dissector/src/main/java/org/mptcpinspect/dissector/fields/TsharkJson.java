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
import java.util.function.UnaryOperator;

/** What tshark's JSON outputs (-T json, -T ek) share. */
final class TsharkJson {
    private TsharkJson() {
    }

    /** A UTF-8 generator on {@code out} that leaves the stream open when closed. */
    static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The day of a timestamp in the zone, as tshark names its Elasticsearch index ("2026-11-24"). */
    static LocalDate localDate(long timestampNanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L)).atZone(zone).toLocalDate();
    }

    /** Writes the -e fields of a packet as {@code "NAME": ["v1", "v2"]}, leaving out fields it lacks. */
    static void writeFields(JsonGenerator json, FieldCollector fields, UnaryOperator<String> name) throws IOException {
        for (int c = 0; c < fields.columns().size(); c++) {
            int n = fields.occurrences(c);
            if (n == 0) {
                continue;
            }
            json.writeFieldName(name.apply(fields.columns().get(c).abbrev()));
            json.writeStartArray();
            for (int i = 0; i < n; i++) {
                json.writeString(fields.value(c, i));
            }
            json.writeEndArray();
        }
    }

    /** A member name as -T ek writes it: '_' for '.'. */
    static String ekName(String name) {
        return name.replace('.', '_');
    }
}
