package org.mptcpinspect.dissector.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldSink;
import org.mptcpinspect.dissector.fields.SinkTestFields;

/**
 * Filters evaluated against the made-up packet of {@link SinkTestFields}: t.addr 192.0.2.1 and
 * 192.0.2.2, t.port 32786 and 5201, t.flags.syn set, t.kind 0 and 2, t.ttl absent. The expected
 * results follow tshark 4.0's semantics (checked with tshark on the same shapes of fields:
 * ip.addr, tcp.port, tcp.options.mptcp.subtype).
 */
class DisplayFilterTest {
    private static final FieldRegistry REGISTRY = SinkTestFields.registry();

    private static boolean matches(String filter) throws FilterException {
        return matches(filter, SinkTestFields::emit);
    }

    private static boolean matches(String filter, java.util.function.Consumer<FieldSink> packet)
            throws FilterException {
        FilterMatcher m = DisplayFilter.compile(filter, REGISTRY, ZoneId.of("UTC")).newMatcher();
        m.reset();
        packet.accept(m);
        return m.matches();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "t ; true",
        "t.ttl ; false",
        "t.addr ; true",
        "t.port == 5201 ; true",
        "t.port eq 5201 ; true",
        "t.port any_eq 5201 ; true",
        "t.port == 80 ; false",
        // != is all_ne in Wireshark 4.0: false when any occurrence equals, false when absent.
        "t.port != 5201 ; false",
        "t.port != 80 ; true",
        "t.port ne 80 ; true",
        "t.ttl != 80 ; false",
        "!(t.port == 5201) ; false",
        "not t.ttl == 80 ; true",
        // === all equal, !== / ~= some different.
        "t.port === 5201 ; false",
        "t.port !== 5201 ; true",
        "t.port ~= 5201 ; true",
        "t.port any_ne 5201 ; true",
        "t.port all_eq 5201 ; false",
        "t.kind === 0 ; false",
        "t.port > 30000 ; true",
        "t.port >= 32786 ; true",
        "t.port gt 32786 ; false",
        "t.port < 5202 ; true",
        "t.port le 5200 ; false",
        "t.port lt 5201 ; false",
        // Integer literals: hex, octal, binary, value names.
        "t.port == 0x1451 ; true",
        "t.port == 012121 ; true",
        "t.kind == 0b10 ; true",
        "t.kind == \"Data Sequence Signal\" ; true",
        "t.kind == \"Multipath Capable\" ; true",
        // Booleans: 1/0, any non-zero number, True/False and the field's own names.
        "t.flags.syn == 1 ; true",
        "t.flags.syn == 2 ; true",
        "t.flags.syn == True ; true",
        "t.flags.syn == Set ; true",
        "t.flags.syn == False ; false",
        "t.flags.syn == 0 ; false",
        "t.flags & 0x02 ; true",
        "t.flags & 0x01 ; false",
        // 64-bit unsigned values above Long.MAX_VALUE compare as unsigned.
        "t.key == 16104313840484316870 ; true",
        "t.key == 0xdf7e041d157976c6 ; true",
        "t.key > 9223372036854775807 ; true",
        // IPv4 with and without CIDR, either side.
        "t.addr == 192.0.2.2 ; true",
        "t.addr == 192.0.2.0/24 ; true",
        "t.addr == 198.51.100.0/24 ; false",
        "t.addr != 192.0.2.0/24 ; false",
        "t.src == 192.0.2.1/32 ; true",
        "t.src == 0.0.0.0/0 ; true",
        "t.src > 192.0.2.0 ; true",
        "t.src < 192.0.2.1 ; false",
        // IPv6 with prefix.
        "t.v6 == 2001:db8::1 ; true",
        "t.v6 == 2001:db8::/32 ; true",
        "t.v6 == 2001:db9::/32 ; false",
        "t.v6 == ::1 ; false",
        // MAC addresses in Wireshark's three spellings.
        "t.mac == 4e:da:26:30:39:88 ; true",
        "t.mac == 4e-da-26-30-39-88 ; true",
        "t.mac == 4eda.2630.3988 ; true",
        "t.mac == 4e:da:26:30:39:89 ; false",
        // Bytes: equality, contains, quoted strings as bytes.
        "t.hmac == ef:e3:37:a0 ; true",
        "t.hmac == efe337a0 ; true",
        "t.hmac contains e3:37 ; true",
        "t.hmac contains e3.37 ; true",
        "t.hmac contains ef ; true",
        "t.hmac contains 37:ef ; false",
        "t.hmac > ef:e3 ; true",
        // Strings: equality, contains, case-insensitive matches.
        "t.name == \"a\\tb\" ; true",
        "t.name contains \"\\t\" ; true",
        "t.name matches \"^A\" ; true",
        "t.name ~ \"b$\" ; true",
        "t.name matches \"^b\" ; false",
        // Relative times in seconds.
        "t.rel == 0.000019 ; true",
        "t.rel > 0.00001 ; true",
        "t.rel >= 1 ; false",
        // Sets and ranges.
        "t.port in {80, 5201} ; true",
        "t.port in {80, 443} ; false",
        "t.port in {5000..6000} ; true",
        "t.port in {1..10, 32786} ; true",
        // Literal on the left.
        "5201 == t.port ; true",
        "32786 < t.port ; false",
        "40000 > t.port ; true",
        // Precedence: not > and > or, parentheses.
        "t.port == 80 or t.port == 5201 and t.flags.syn == 1 ; true",
        "t.ttl or t.port == 5201 and t.flags.syn == 0 ; false",
        "(t.ttl or t.port == 5201) and t.flags.syn == 1 ; true",
        "!t.ttl && t.port == 5201 ; true",
        "not not t ; true",
        "t.ttl || !t.none ; false",
    })
    void evaluatesLikeTshark(String filter, boolean expected) throws FilterException {
        assertEquals(expected, matches(filter), filter);
    }

    @Test
    void absentFieldMakesEveryComparisonFalse() throws FilterException {
        for (String op : new String[] {"==", "!=", "===", "!==", "<", ">"}) {
            assertFalse(matches("t.ttl " + op + " 64"), op);
        }
    }

    @Test
    void matcherStateIsPerPacket() throws FilterException {
        FilterMatcher m = DisplayFilter.compile("t.ttl == 64", REGISTRY).newMatcher();
        m.reset();
        m.uint(SinkTestFields.TTL, 64, 0, 1);
        assertTrue(m.matches());
        m.reset();
        m.uint(SinkTestFields.TTL, 63, 0, 1);
        assertFalse(m.matches());
    }

    @Test
    void matcherWantsOnlyTheFieldsOfTheFilter() throws FilterException {
        FilterMatcher m = DisplayFilter.compile("t.port == 1 or t.addr", REGISTRY).newMatcher();
        assertTrue(m.wants(SinkTestFields.PORT));
        assertTrue(m.wants(SinkTestFields.ADDR));
        assertFalse(m.wants(SinkTestFields.SRC));
        assertFalse(m.wantsText());
    }

    private static FilterException error(String filter) {
        return assertThrows(FilterException.class, () -> DisplayFilter.compile(filter, REGISTRY));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', value = {
        // filter ; message ; position ; length   (messages and carets as tshark 4.0 prints them)
        "foo.bar ; foo.bar is neither a field nor a protocol name. ; 0 ; 7",
        "t.port == ; Unexpected end of filter expression. ; 9 ; 1",
        "t.port == abc ; \"abc\" is not a valid number. ; 10 ; 3",
        "(t.port == 1 ; Unexpected end of filter expression. ; 12 ; 1",
        "t.port == 1) ; \")\" was unexpected in this context. ; 11 ; 1",
        "t.addr == 1.2.3 ; \"1.2.3\" is not a valid hostname or IPv4 address. ; 10 ; 5",
        "t.port == 99999 ; \"99999\" too big for this field, maximum 65535. ; 10 ; 5",
        "t.addr == 192.0.2.0/33 ; Netmask bits in a CIDR IPv4 address should be <= 32, not 33 ; 10 ; 12",
        "t and ; Unexpected end of filter expression. ; 5 ; 1",
        "t.flags.syn == true ; \"true\" cannot be found among the possible values for t.flags.syn. ; 15 ; 4",
        "t.kind == 2.5 ; \"2.5\" cannot be found among the possible values for t.kind. ; 10 ; 3",
        "t.port in {5201 80} ; \"80\" was unexpected in this context. ; 16 ; 2",
        "t.src == \"192.0.2.1\" ; IPv4 address cannot be converted from a string (\"192.0.2.1\"). ; 9 ; 11",
        "T ; T is neither a field nor a protocol name. ; 0 ; 1",
        "t.PORT == 5201 ; Left side of \"==\" expression must be a field or function, not t.PORT. ; 0 ; 6",
        "t.port == 5201 and (t.src == 192.0.2.1 ; Unexpected end of filter expression. ; 38 ; 1",
        "t.port ^^ t ; \"^\" was unexpected in this context. ; 7 ; 1",
        "t.mac == 4e:da ; \"4e:da\" is not a valid Ethernet address. ; 9 ; 5",
        "t.v6 == 2001:db8::g ; \"2001:db8::g\" is not a valid hostname or IPv6 address. ; 8 ; 11",
        "t.name == \"abc ; The final quote was missing from a quoted string. ; 10 ; 4",
        "t == 1 ; t can only be tested for presence. ; 5 ; 1",
        "t.port == t.ttl ; Comparing two fields (t.port and t.ttl) is not supported. ; 10 ; 5",
        "'' ; The filter is empty. ; 0 ; 1",
    })
    void reportsErrorsWithPositions(String filter, String message, int position, int length) {
        FilterException e = error(filter);
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position(), "position");
        assertEquals(length, e.length(), "length");
    }

    @Test
    void describeEchoesTheFilterWithACaret() {
        assertEquals("""
                "abc" is not a valid number.
                    t.port == abc
                              ^~~""", error("t.port == abc").describe());
    }
}
