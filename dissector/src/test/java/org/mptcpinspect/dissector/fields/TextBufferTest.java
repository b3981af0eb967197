package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextBufferTest {

    private static byte[] bytes(TextBuffer b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        return out.toByteArray();
    }

    /** Strings are UTF-8 as Java encodes them: one, two and three byte characters and a surrogate pair, growing the buffer. */
    @Test
    void stringsAreUtf8() throws IOException {
        String[] texts = {"44158 \u2192 8000 [SYN]", "\u00e9t\u00e9 \u2192", "\u2192\u2192\u2192\u2192\u2192\u2192\u2192",
            "a\ud83d\ude00b \u2192 c", "", "plain ascii that is longer than sixteen bytes"};
        TextBuffer all = new TextBuffer(16);
        StringBuilder expected = new StringBuilder();
        for (String t : texts) {
            TextBuffer one = new TextBuffer(16);
            one.append(t);
            assertArrayEquals(t.getBytes(StandardCharsets.UTF_8), bytes(one), t);
            all.append(t);
            expected.append(t);
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), bytes(all));
    }
}
