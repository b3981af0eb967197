package org.mptcpinspect.dissector.fields;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.TimeZone;
import org.mptcpinspect.dissector.decode.AddressFormat;

/**
 * Writes field values exactly as tshark 4.0 prints them with -T fields (and, with the bytes
 * separator, -T json): decimal integers, {@code 0x}-prefixed hex zero-padded to the field type's
 * width for BASE_HEX/BASE_HEX_DEC, booleans as 1/0, bytes as lowercase hex, IPv6 compressed as
 * inet_ntop does, times with nine decimals. One instance per output (it caches the local date of
 * the last second printed); not thread-safe.
 */
public final class ValueFormat {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private final ZoneId zone;
    private final StringBuilder scratch = new StringBuilder(48);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedDate;
    private String cachedZoneName;

    public ValueFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** Uses the system time zone, as tshark does. */
    public ValueFormat() {
        this(ZoneId.systemDefault());
    }

    public void uint(TextBuffer out, Field field, long value) {
        if (field.base().printsHexInFields() && field.type() != FieldType.FRAMENUM) {
            out.append('0').append('x').appendHex(value, hexDigits(field.type()));
        } else {
            out.appendUnsigned(value);
        }
    }

    /** Hex digits tshark -T fields pads to: the type's width (never the bitmask's). */
    static int hexDigits(FieldType type) {
        return switch (type) {
            case UINT8, INT8 -> 2;
            case UINT16, INT16 -> 4;
            case UINT24 -> 6;
            case UINT64, INT64 -> 16;
            default -> 8;
        };
    }

    public void sint(TextBuffer out, Field field, long value) {
        if (field.base().printsHexInFields()) {
            int digits = hexDigits(field.type());
            long masked = digits == 16 ? value : value & ((1L << (digits * 4)) - 1);
            out.append('0').append('x').appendHex(masked, digits);
        } else {
            out.appendDecimal(value);
        }
    }

    public void bool(TextBuffer out, boolean value) {
        out.append(value ? '1' : '0');
    }

    public void ipv4(TextBuffer out, int address) {
        out.appendUnsigned((address >>> 24) & 0xff).append('.')
                .appendUnsigned((address >>> 16) & 0xff).append('.')
                .appendUnsigned((address >>> 8) & 0xff).append('.')
                .appendUnsigned(address & 0xff);
    }

    /** IPv6 as glibc's inet_ntop prints it (RFC 5952 compression, IPv4-mapped/compatible tails dotted). */
    public void ipv6(TextBuffer out, byte[] src, int from) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (src[from + i] & 0xff);
            low = low << 8 | (src[from + 8 + i] & 0xff);
        }
        scratch.setLength(0);
        AddressFormat.appendIpv6(scratch, high, low);
        for (int i = 0; i < scratch.length(); i++) {
            out.append(scratch.charAt(i));
        }
    }

    public void ether(TextBuffer out, byte[] src, int from) {
        out.appendHexBytes(src, from, from + 6, ':');
    }

    /** Bytes as lowercase hex; {@code separator} 0 for none (-T fields), ':' for -T json. */
    public void bytes(TextBuffer out, byte[] src, int from, int to, char separator) {
        out.appendHexBytes(src, from, to, separator);
    }

    public void time(TextBuffer out, Field field, long nanos) {
        if (field.type() == FieldType.ABSOLUTE_TIME) {
            localTime(out, nanos);
        } else {
            seconds(out, nanos);
        }
    }

    /** Seconds with nine decimals, e.g. "0.000019000" or "-1.500000000". */
    public void seconds(TextBuffer out, long nanos) {
        if (nanos < 0) {
            out.append('-');
            // -Long.MIN_VALUE does not exist; such a span is not a real capture's.
            nanos = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : -nanos;
        }
        out.appendUnsigned(nanos / 1_000_000_000L).append('.').appendPadded(nanos % 1_000_000_000L, 9);
    }

    /** "Nov 24, 2026 18:09:29.598637000 UTC": Wireshark's absolute time in the local zone. */
    public void localTime(TextBuffer out, long nanos) {
        long second = Math.floorDiv(nanos, 1_000_000_000L);
        long fraction = Math.floorMod(nanos, 1_000_000_000L);
        if (second != cachedSecond) {
            ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
            StringBuilder sb = new StringBuilder(24);
            sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
            if (t.getDayOfMonth() < 10) {
                sb.append(' ');
            }
            sb.append(t.getDayOfMonth()).append(", ").append(t.getYear()).append(' ');
            two(sb, t.getHour()).append(':');
            two(sb, t.getMinute()).append(':');
            two(sb, t.getSecond());
            cachedDate = sb.toString();
            cachedZoneName = zoneName(t);
            cachedSecond = second;
        }
        out.append(cachedDate).append('.').appendPadded(fraction, 9).append(' ').append(cachedZoneName);
    }

    private static String zoneName(ZonedDateTime t) {
        boolean dst = t.getZone().getRules().isDaylightSavings(t.toInstant());
        String name = TimeZone.getTimeZone(t.getZone()).getDisplayName(dst, TimeZone.SHORT, Locale.ROOT);
        return name.isEmpty() ? t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT) : name;
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    public void dbl(TextBuffer out, double value) {
        out.append(formatDouble(value));
    }

    /** Doubles as C's "%g" with 15 significant digits (what Wireshark uses for FT_DOUBLE). */
    public static String formatDouble(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = String.format(Locale.ROOT, "%.15g", value);
        if (s.contains("e")) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
