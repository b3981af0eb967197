package org.mptcpinspect.endpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** Reads and writes endpoint results as JSON. */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultJson() {
    }

    public static void write(EndpointResult result, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), result);
    }

    /** Writes to a stream or writer the caller keeps open (e.g. standard output). */
    public static void write(EndpointResult result, Writer out) throws IOException {
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, result);
        out.write('\n');
        out.flush();
    }

    public static EndpointResult read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), EndpointResult.class);
    }

    public static EndpointResult parse(String json) throws IOException {
        return MAPPER.readValue(json, EndpointResult.class);
    }
}
