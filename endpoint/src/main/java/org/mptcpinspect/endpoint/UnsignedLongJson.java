package org.mptcpinspect.endpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * JSON for a u64 kept in a Java long (data sequence numbers use all 64 bits): written as the
 * unsigned decimal number, read back into the same bit pattern.
 */
public final class UnsignedLongJson {
    private UnsignedLongJson() {
    }

    public static final class Serializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(Long.toUnsignedString(value));
        }
    }

    public static final class Deserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.getBigIntegerValue().longValue();
        }
    }
}
